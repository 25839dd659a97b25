"""`StandardizedConv2D`: a Conv2D subclass that standardises its kernel inside `convolution_op()` at every call.

The Keras recipe on customising convolutions computes mean and variance of `kernel` in the overridden
`convolution_op`, so the standardised kernel is recomputed from the variable at each step and the
gradient reaches it (compare the frozen copy made once in `build()`).
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/keras_recipes/subclassing_conv_layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_standardized_conv_kernel_in_call.py:
as returned: Functional, count_params() = 330, 4 weights, unbuilt: none
after call: count_params() = 330, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'standardized_conv2d_with_override': 160}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class StandardizedConv2DWithOverride(keras.layers.Conv2D):
    def convolution_op(self, inputs, kernel):
        mean = ops.mean(kernel, axis=(0, 1, 2), keepdims=True)
        var = ops.var(kernel, axis=(0, 1, 2), keepdims=True)
        return ops.conv(inputs, (kernel - mean) / ops.sqrt(var + 1e-10), padding="valid", strides=list(self.strides))


def build_model():
    inputs = keras.Input((28, 28, 1))
    x = StandardizedConv2DWithOverride(16, 3, activation="relu")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(10)(x))
