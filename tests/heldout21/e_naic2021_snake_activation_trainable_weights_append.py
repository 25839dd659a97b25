"""A learnable Snake activation (`x + sin^2(beta*x)/beta`) in a wireless-channel U-Net: `build()`
makes `beta` with the backend's `variable()` and, when the layer is trainable, registers it by
appending to the private `self._trainable_weights` list.

From gaoweifan/NAIC2021_AI-Wireless-semifinal (`Modelsave/20220318-002235S50.118/model_define.py`,
the model file saved next to a checkpoint, with keras-contrib-style GELU/Snake activations). On
Keras 3 a Layer has no `_trainable_weights` list: building a `Snake(trainable=True)` raises
AttributeError, so a model with the learnable activation cannot be built at all. With the default
`trainable=False` the variable assigned to `self.beta_factor` is auto-tracked (non-trainable), which
is why the default configuration still runs.

Porting edits: `keras.backend.variable(...)` (gone in Keras 3) -> `keras.Variable(...)`,
`K.floatx()` -> `keras.config.floatx()`, `tensorflow.math` ops kept; `build_model()` puts
`Snake(beta=0.5, trainable=True)` after a Dense(4) on a 4-feature input (the configuration the
`if self.trainable` branch exists for).
"""

SOURCE = "https://github.com/gaoweifan/NAIC2021_AI-Wireless-semifinal/blob/365f688fe3a58e00bdb40800d834b6a3733125b1/Modelsave/20220318-002235S50.118/model_define.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/e_naic2021_snake_activation_trainable_weights_append.py:
build_model() raised AttributeError: 'Snake' object has no attribute '_trainable_weights'
Own script /tmp/mine21b/psnake.py: default Snake(trainable=False): builds; beta_factor tracked as non-trainable ['snake/beta_factor']"""

import keras
from keras import layers
from tensorflow import math


def snake_(X, beta):

    return X + (1/beta)*math.square(math.sin(beta*X))


class Snake(layers.Layer):
    '''
    Snake activation function $X + (1/b)*sin^2(b*X)$. Proposed to learn periodic targets.

    Y = Snake(beta=0.5, trainable=False)(X)
    '''
    def __init__(self, beta=0.5, trainable=False, **kwargs):
        super(Snake, self).__init__(**kwargs)
        self.supports_masking = True
        self.beta = beta
        self.trainable = trainable

    def build(self, input_shape):
        self.beta_factor = keras.Variable(self.beta, dtype=keras.config.floatx(), name='beta_factor')
        if self.trainable:
            self._trainable_weights.append(self.beta_factor)

        super(Snake, self).build(input_shape)

    def call(self, inputs, mask=None):
        return snake_(inputs, self.beta_factor)

    def get_config(self):
        config = {'beta': self.get_weights()[0] if self.trainable else self.beta, 'trainable': self.trainable}
        base_config = super(Snake, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    inputs = keras.Input((4,))
    x = layers.Dense(4)(inputs)
    outputs = Snake(beta=0.5, trainable=True)(x)
    return keras.Model(inputs, outputs)
