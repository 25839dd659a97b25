"""A custom layer that makes its parameters with initializers and keeps them as plain tensors: the summary shows 0 params.

The report ("How can you return # params from a custom layer?") implemented a layer whose weights
worked but were missing from `model.summary()`; the answer was to create them with `add_weight`.
Written for Keras 3: the initializers' outputs (tensors) are stored on `self` in `build()`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5697"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld001_params_as_plain_tensors.py:
as returned: Functional, count_params() = 33, 2 weights, unbuilt: none
after call: count_params() = 33, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class CustomLayer(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = keras.initializers.GlorotUniform()((input_shape[-1], self.units))
        self.bias = ops.zeros((self.units,))

    def call(self, x):
        return ops.relu(ops.matmul(x, self.kernel) + self.bias)


def build_model():
    inputs = keras.Input((16,))
    x = CustomLayer(32)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
