"""PixelCNN masked convolution stores its causal mask as a NumPy array on self in build().

In the keras.io PixelCNN example `PixelConvLayer.build()` builds the wrapped Conv2D, then makes
`self.mask = np.zeros(kernel_shape)` and fills the allowed taps; `call()` multiplies the conv kernel by
the mask. An `np.*` array stored on self in build() looks like an untracked weight, but this is a fixed buffer,
not a weight, and the real weights live in the tracked Conv2D.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/generative/pixelcnn.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
functional PixelCNN (masked conv A, one residual block, 1x1 head): count_params() == 2,009; every
Conv2D kernel/bias, including the ones wrapped by PixelConvLayer, is in model.weights and gets a
non-None gradient; one fit step changes 10 of 10 trainable weights; no warning."""

import numpy as np
import keras
from keras import layers


class PixelConvLayer(layers.Layer):
    def __init__(self, mask_type, **kwargs):
        super(PixelConvLayer, self).__init__()
        self.mask_type = mask_type
        self.conv = layers.Conv2D(**kwargs)

    def build(self, input_shape):
        self.conv.build(input_shape)
        kernel_shape = self.conv.kernel.shape
        self.mask = np.zeros(shape=kernel_shape, dtype="float32")
        self.mask[: kernel_shape[0] // 2, ...] = 1.0
        self.mask[kernel_shape[0] // 2, : kernel_shape[1] // 2, ...] = 1.0
        if self.mask_type == "B":
            self.mask[kernel_shape[0] // 2, kernel_shape[1] // 2, ...] = 1.0

    def call(self, inputs):
        self.conv.kernel.assign(self.conv.kernel * self.mask)
        return self.conv(inputs)


class ResidualBlock(keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super(ResidualBlock, self).__init__(**kwargs)
        self.a = keras.layers.ReLU()
        self.b = keras.layers.Conv2D(filters=filters, kernel_size=1, activation="relu")
        self.c = PixelConvLayer(mask_type="B", filters=filters // 2, kernel_size=3,
                                activation="relu", padding="same")
        self.d = keras.layers.Conv2D(filters=filters, kernel_size=1, activation="relu")

    def call(self, inputs):
        x = self.d(self.c(self.b(self.a(inputs))))
        return keras.layers.add([inputs, x])


def build_model():
    inputs = keras.Input(shape=(8, 8, 1))
    x = PixelConvLayer(mask_type="A", filters=16, kernel_size=5, padding="same", activation="relu")(inputs)
    x = ResidualBlock(filters=16)(x)
    out = keras.layers.Conv2D(filters=1, kernel_size=1, activation="sigmoid")(x)
    return keras.Model(inputs, out)
