"""Diffusion ResnetBlock that creates its residual projection conv inside build(), or an identity lambda.

In the keras-core port of Stable Diffusion the block decided in `build()` whether the shortcut needs
a 1x1 conv (`self.residual_projection = PaddedConv2D(...)`) or `lambda x: x`. The report said the
projection's weights were not tracked inside a larger model; on current Keras 3 a sublayer created
in `build()` is tracked and built on first use, and the lambda branch holds no state.
"""

SOURCE = "https://github.com/keras-team/keras-core/issues/707"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
functional model with two blocks (8->16 channels: projection conv created in build(); 16->16:
identity lambda): count_params() == 8,384; the first block has 10 weights (8 + projection kernel/bias),
the second 8; all 18 trainable weights get a non-None gradient and change in one fit step; no warning."""

import keras
from keras import layers, ops


class PaddedConv2D(layers.Layer):
    def __init__(self, filters, kernel_size, padding=0, **kwargs):
        super().__init__(**kwargs)
        self.padding2d = layers.ZeroPadding2D(padding)
        self.conv2d = layers.Conv2D(filters, kernel_size)

    def call(self, inputs):
        return self.conv2d(self.padding2d(inputs))


class ResnetBlock(layers.Layer):
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim
        self.norm1 = layers.GroupNormalization(groups=4, epsilon=1e-5)
        self.conv1 = PaddedConv2D(output_dim, 3, padding=1)
        self.norm2 = layers.GroupNormalization(groups=4, epsilon=1e-5)
        self.conv2 = PaddedConv2D(output_dim, 3, padding=1)

    def build(self, input_shape):
        if input_shape[-1] != self.output_dim:
            self.residual_projection = PaddedConv2D(self.output_dim, 1)
        else:
            self.residual_projection = lambda x: x

    def call(self, inputs):
        x = self.conv1(keras.activations.swish(self.norm1(inputs)))
        x = self.conv2(keras.activations.swish(self.norm2(x)))
        return x + self.residual_projection(inputs)


def build_model():
    inputs = keras.Input((8, 8, 8))
    x = ResnetBlock(16)(inputs)
    outputs = ResnetBlock(16)(x)
    return keras.Model(inputs, outputs)
