"""A partial-convolution layer keeps an all-ones mask kernel beside its real kernel, as a constant.

In the report's `PConv2D` layer the mask update convolves the input mask with `kernel_mask`, a
tensor of ones of the kernel's shape made in `build()`. On Keras 2 `K.ones(...)` returned a
*trainable variable*, so the mask kernel drifted during training and the outputs went NaN; the
fix turned it into a constant, as the PyTorch original has. Written for Keras 3 with
`keras.ops.ones`, which is a plain tensor: only the real kernel and bias are weights, as intended.
"""

SOURCE = "https://github.com/MathiasGruber/PConv-Keras/pull/74"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py okc_partial_conv_mask_ones_constant.py:
as returned: Functional, count_params() = 233, 4 weights, unbuilt: none
after call: count_params() = 233, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'p_conv2d': 224}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class PConv2D(keras.layers.Layer):
    def __init__(self, filters, kernel_size=3, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = (kernel_size, kernel_size)

    def build(self, input_shape):
        image_shape, _ = input_shape
        channels = image_shape[-1]
        kernel_shape = self.kernel_size + (channels, self.filters)
        self.kernel = self.add_weight(shape=kernel_shape, initializer="glorot_uniform", name="img_kernel")
        self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias")
        # The mask is only counted, never learned: a constant, not a weight.
        self.kernel_mask = ops.ones(self.kernel_size + (channels, self.filters))
        self.window_size = float(self.kernel_size[0] * self.kernel_size[1] * channels)

    def call(self, inputs):
        images, masks = inputs
        mask_count = ops.conv(masks, self.kernel_mask, padding="same")
        ratio = self.window_size / (mask_count + 1e-8)
        updated_mask = ops.clip(mask_count, 0.0, 1.0)
        features = ops.conv(images * masks, self.kernel, padding="same")
        features = features * ratio * updated_mask + self.bias
        return [features, updated_mask]

    def compute_output_shape(self, input_shape):
        image_shape, _ = input_shape
        out = image_shape[:-1] + (self.filters,)
        return [out, out]


def build_model():
    images = keras.Input((16, 16, 3))
    masks = keras.Input((16, 16, 3))
    features, new_mask = PConv2D(8)([images, masks])
    pooled = keras.layers.GlobalAveragePooling2D()(keras.layers.ReLU()(features))
    return keras.Model([images, masks], keras.layers.Dense(1)(pooled))
