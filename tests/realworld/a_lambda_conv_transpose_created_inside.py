"""An upsampling block wraps a transposed convolution inside a Lambda: 0 params in the summary.

The reporter built a U-Net-like decoder where each `tblock` wrapped
`tensorflow.layers.conv3d_transpose(...)` in `Lambda(lambda x: ...)` and added the skip
connection. The summary showed the Lambda rows with 0 parameters and they asked whether the
layers were "plumbed in ok underneath". They are not: the layer is created inside the Lambda's
function, so its kernel belongs to no tracked layer and is never trained or saved. Ported to
Keras 3 with `keras.layers.Conv2DTranspose` created inside the lambda, in a builder class.
"""

SOURCE = "https://github.com/keras-team/keras/issues/7078"
CODES = ("LD002", "LD012")  # created inside the Lambda: state made per call (LD002); LD012 names the Lambda
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.count_params() == 9568 (the two Conv2D layers only); the Conv2DTranspose created inside the
Lambda function (32*32*3*3 = 9216 kernel) is in no model weight list; each model call builds a fresh
Conv2DTranspose inside the Lambda: model(x) twice on the same x gives different outputs;
no warning or error."""

import keras
from keras.layers import Add, Conv2D, Input, Lambda


class UNetBuilder:
    def __init__(self, filters=32):
        self.filters = filters

    def tblock(self, sinput, skip, F=32):
        u1 = Lambda(
            lambda x: keras.layers.Conv2DTranspose(
                F, kernel_size=3, strides=2, padding="same",
                activation="relu", use_bias=False,
            )(x)
        )(sinput)
        out = Add()([skip, u1])
        return out

    def build(self):
        inp = Input((16, 16, 1))
        skip = Conv2D(self.filters, 3, padding="same", activation="relu")(inp)
        down = Conv2D(self.filters, 3, strides=2, padding="same", activation="relu")(skip)
        up = self.tblock(down, skip, F=self.filters)
        return keras.Model(inp, up)


def build_model():
    return UNetBuilder(32).build()
