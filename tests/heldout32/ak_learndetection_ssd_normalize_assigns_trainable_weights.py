"""An SSD300 `Normalize` layer (conv4_3 L2 normalisation) makes its scale with `K.variable` in `build()`
and registers it with `self.trainable_weights = [self.gamma]`: on Keras 3 that assignment raises
AttributeError, so the SSD model cannot even be wired.

From Freshield/LEARN_detection (`a3_csdn_ssd/normalize.py`), a study repository re-typing a Keras
SSD300 (the folder is named after a CSDN blog tutorial); `a1_ssd300_model.py` applies
`Normalize(20, name='conv4_3_norm')` to conv4_3 before the location / confidence / prior-box heads.
The Keras 1/2 idiom `self.trainable_weights = [...]` after `K.variable` was how old Keras learnt about a
hand-made variable; on tf.keras 2 it works by accident (a private setter), on Keras 3
`trainable_weights` is a read-only property.

Porting edits: `import keras.backend as K` -> `import tensorflow.keras.backend as K` (Keras 3's own
`keras.backend` has neither `variable` nor `l2_normalize`; TF 2.21's `tf.keras.backend` is the legacy
module that still has both), so the layer reaches the `trainable_weights` line. `build_model()` wires
the conv4_3 part of SSD300 on a small input: 8x8x3 -> Conv2D(16, 3, name='conv4_3') ->
`Normalize(20, name='conv4_3_norm')` -> 3x3 Conv2D confidence head (6 filters); it raises where the
user's `SSD300(...)` call raised. LD006 only: `K.variable` also gives a raw TF variable (LD003 material),
but the failing statement is the `trainable_weights` assignment.
"""

SOURCE = "https://github.com/Freshield/LEARN_detection/blob/849141d81dbf2048eba6270384381db342b00532/a3_csdn_ssd/normalize.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/ak_learndetection_ssd_normalize_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'Normalize' object has no setter
Own probe (probe_normalize.py): tensorflow.keras.backend.variable(...) returns a tensorflow ResourceVariable, not a keras.Variable, so without the failing line gamma would also be untracked."""

import keras
import numpy as np
import tensorflow.keras.backend as K
from keras.layers import Layer, InputSpec


class Normalize(Layer):
    def __init__(self, scale, **kwargs):
        self.axis = 3
        self.scale = scale
        super(Normalize, self). __init__(**kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        shape = (input_shape[self.axis],)
        init_gamma = self.scale * np.ones(shape)
        self.gamma = K.variable(init_gamma, name='{}_gamma'.format(self.name))
        self.trainable_weights = [self.gamma]

    def call(self, x, **kwargs):
        output = K.l2_normalize(x, self.axis)
        output *= self.gamma
        return output


def build_model():
    input_tensor = keras.Input(shape=(8, 8, 3))
    conv4_3 = keras.layers.Conv2D(16, 3, padding='same', activation='relu', name='conv4_3')(input_tensor)
    conv4_3_norm = Normalize(20, name='conv4_3_norm')(conv4_3)
    conf = keras.layers.Conv2D(6, 3, padding='same', name='conv4_3_norm_mbox_conf')(conv4_3_norm)
    return keras.Model(input_tensor, conf)
