"""Quantization-aware training by subclassing `Conv2D` and overriding `convolution_op()` to fake-quantize the inputs, the kernel and the outputs with fixed ranges.

From the Keras 3 pull request that made `keras.quantizers.fake_quant_with_min_max_vars` usable for
TFLite export: the proof of concept `QuantConv2D` never creates a weight of its own, reads
`self.kernel` inside `convolution_op()` and passes it through a rounding quantizer with per-channel
range tensors built from `keras.ops.ones(...)` on every call. A rounding op on the kernel and range
tensors made with `keras.ops` look like a gradient cut and like raw tensor state, but the quantizer
has a straight-through gradient and the ranges are per-call constants: the kernel and bias are the
layer's only weights, both trainable, both with gradients.
"""

SOURCE = "https://github.com/keras-team/keras/pull/20772"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_qat_conv2d_fake_quantizes_kernel_in_convolution_op.py:
as returned: Functional, count_params() = 1562, 6 weights, unbuilt: none
after call: count_params() = 1562, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'quant_conv2d': 224, 'quant_conv2d_1': 1168}
second call: 0 variables watched that the first call did not use"""

import keras


class QuantConv2D(keras.layers.Conv2D):
    def convolution_op(self, inputs, kernel):
        inputs = keras.quantizers.fake_quant_with_min_max_vars(inputs, -3.0, 3.0, narrow_range=True)
        kernel = keras.quantizers.fake_quant_with_min_max_vars(
            self.kernel,
            -3.0 * keras.ops.ones([self.filters]),
            3.0 * keras.ops.ones([self.filters]),
            narrow_range=True,
            axis=-1,
        )
        outputs = super().convolution_op(inputs, kernel)
        outputs = keras.quantizers.fake_quant_with_min_max_vars(outputs, -3.0, 3.0, narrow_range=True)
        return outputs


def build_model():
    inputs = keras.Input(shape=(16, 16, 3))
    x = QuantConv2D(8, 3, padding="same", activation="relu")(inputs)
    x = QuantConv2D(16, 3, strides=2, padding="same", activation="relu")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(10)(x)
    return keras.Model(inputs, outputs)
