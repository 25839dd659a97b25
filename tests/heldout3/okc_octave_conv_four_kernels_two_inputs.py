"""An octave convolution takes `[high, low]` feature maps and makes its four kernels in `build()` from both shapes.

The report (`tf.function ... tried to create variables on non-first call` with the OctConv2D
layer) suspected state created in `call()`. The layer itself creates all four kernels
(high->high, high->low, low->high, low->low) with `add_weight` in `build(input_shape)` from the
two input shapes, and `call()` only runs backend convolutions, pooling and upsampling on them.
Rewritten with `keras.ops`.
"""

SOURCE = "https://github.com/koshian2/OctConv-TFKeras/issues/16"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_octave_conv_four_kernels_two_inputs.py:
as returned: Functional, count_params() = 441, 6 weights, unbuilt: none
after call: count_params() = 441, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'oct_conv2d': 432}
second call: 0 variables watched that the first call did not use"""

import keras


class OctConv2D(keras.layers.Layer):
    def __init__(self, filters, alpha, kernel_size=(3, 3), **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.alpha = alpha
        self.kernel_size = kernel_size
        self.low_channels = int(filters * alpha)
        self.high_channels = filters - self.low_channels

    def build(self, input_shape):
        high_in, low_in = int(input_shape[0][-1]), int(input_shape[1][-1])
        k = self.kernel_size
        self.high_to_high = self.add_weight(shape=(*k, high_in, self.high_channels), name="high_to_high_kernel")
        self.high_to_low = self.add_weight(shape=(*k, high_in, self.low_channels), name="high_to_low_kernel")
        self.low_to_high = self.add_weight(shape=(*k, low_in, self.high_channels), name="low_to_high_kernel")
        self.low_to_low = self.add_weight(shape=(*k, low_in, self.low_channels), name="low_to_low_kernel")

    def call(self, inputs):
        high, low = inputs
        conv = keras.ops.conv
        high_to_high = conv(high, self.high_to_high, padding="same")
        high_to_low = conv(keras.ops.average_pool(high, 2, 2), self.high_to_low, padding="same")
        low_to_high = conv(low, self.low_to_high, padding="same")
        low_to_high = keras.ops.repeat(keras.ops.repeat(low_to_high, 2, axis=1), 2, axis=2)
        low_to_low = conv(low, self.low_to_low, padding="same")
        return [high_to_high + low_to_high, high_to_low + low_to_low]


def build_model():
    high = keras.Input((8, 8, 3))
    low = keras.Input((4, 4, 3))
    high_out, low_out = OctConv2D(8, alpha=0.25)([high, low])
    high_out = keras.layers.GlobalAveragePooling2D()(high_out)
    low_out = keras.layers.GlobalAveragePooling2D()(low_out)
    return keras.Model([high, low], keras.layers.Dense(1)(keras.layers.Concatenate()([high_out, low_out])))
