"""A weight-normalised Conv2D that overrides only `build()`: `self.kernel = g * v / ||v||`, and no `call()` override.

The reader asks how `Conv2DWeightNorm` works with no `call()` override: "How does the kernel get
normalized after each update?" In TF1 graph mode the kernel tensor was re-evaluated each step; in
Keras 3 (eager) it is computed once, in `build()`, from the variables `v` and `g`.
"""

SOURCE = "https://github.com/ychfan/tf_estimator_barebone/issues/15"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_frozen_weightnorm_conv_kernel_in_build.py:
as returned: Functional, count_params() = 241, 5 weights, unbuilt: none
after call: count_params() = 241, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 5 trainable weights: ['conv2d_weight_norm/kernel', 'conv2d_weight_norm/g']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv2d_weight_norm': 232}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class Conv2DWeightNorm(keras.layers.Conv2D):
    def build(self, input_shape):
        super().build(input_shape)
        self.v = self.kernel
        self.g = self.add_weight(name="g", shape=(self.filters,), initializer="ones")
        norm = ops.sqrt(ops.sum(ops.square(self.v), axis=(0, 1, 2)))
        self._kernel = self.g * self.v / norm


def build_model():
    inputs = keras.Input((16, 16, 3))
    x = Conv2DWeightNorm(8, 3, padding="same")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
