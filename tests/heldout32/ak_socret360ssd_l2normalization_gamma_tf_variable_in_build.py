"""An SSD L2Normalization layer makes its learnable per-channel scale `gamma` with
`tf.Variable(gamma, trainable=True)` in `build()` ("K.variable is replaced with tf.Variable"): Keras 3
does not track it, so the conv4_3 scale is neither counted, trained nor saved.

From Socret360/object-detection-in-keras (`custom_layers/l2_normalization.py`), a tf.keras SSD / TextBoxes++
collection whose SSD-VGG16 normalises conv4_3 with this layer before its prediction head. The docstring
says it is pierluigiferrari/ssd_keras's layer with "K.variable ... replaced with tf.Variable" and a
float32 fix, and no `self.trainable_weights = [...]` line (the Keras-2 idiom of the ssd_keras lineage,
see `ak_learndetection_ssd_normalize_assigns_trainable_weights`): on tf.keras 2 a `tf.Variable` attribute
is auto-tracked, on Keras 3 gamma is left untracked.
`build()` calls `super().build()` after making the variable.

Porting edits: none. `build_model()` wires a small conv4_3-like stack: input 8x8x3, Conv2D(16, 3),
`L2Normalization(gamma_init=20)`, then a 3x3 Conv2D class head with 2 boxes x 3 classes = 6 filters,
as the SSD builder does for the first feature map.
"""

SOURCE = "https://github.com/Socret360/object-detection-in-keras/blob/10d3f387d19f4a4f7abd4c8516ac1e176a06bdf0/custom_layers/l2_normalization.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/ak_socret360ssd_l2normalization_gamma_tf_variable_in_build.py:
as returned: Functional, count_params() = 1318, 4 weights, unbuilt: none
after call: count_params() = 1318, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['conv4_3_norm/Variable:0']
params of the case's own layers: {'conv4_3_norm': 0}
second call: 0 variables watched that the first call did not use
1318 = conv4_3 (3*3*3*16 + 16 = 448) + conf head (3*3*16*6 + 6 = 870): the 16 gamma scales are missing."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer
import keras


class L2Normalization(Layer):
    """ A custom layer that performs l2 normalization on its inputs with learnable parameter gamma.
    (docstring shortened: taken from pierluigiferrari/ssd_keras with K.variable replaced by tf.Variable)
    """

    def __init__(self, gamma_init=20, axis=-1, **kwargs):
        self.axis = axis
        self.gamma_init = gamma_init
        super(L2Normalization, self).__init__(**kwargs)

    def build(self, input_shape):
        gamma = self.gamma_init * np.ones((input_shape[self.axis],), dtype=np.float32)
        self.gamma = tf.Variable(gamma, trainable=True)
        super(L2Normalization, self).build(input_shape)

    def call(self, inputs):
        return tf.math.l2_normalize(inputs, self.axis) * self.gamma

    def get_config(self):
        config = {'gamma_init': self.gamma_init, 'axis': self.axis}
        base_config = super(L2Normalization, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def build_model():
    input_layer = keras.Input(shape=(8, 8, 3))
    conv4_3 = keras.layers.Conv2D(16, 3, padding='same', activation='relu', name='conv4_3')(input_layer)
    conv4_3_norm = L2Normalization(gamma_init=20, name='conv4_3_norm')(conv4_3)
    conf = keras.layers.Conv2D(6, 3, padding='same', name='conv4_3_norm_mbox_conf')(conv4_3_norm)
    return keras.Model(input_layer, conf)
