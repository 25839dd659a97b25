"""A residual module packed into a small Model once and stacked three times: every stage shares one conv.

The reporter wanted to bundle a group of layer specifications (a conv plus an identity sum) and
stack that bundle several times without weight sharing. Their idea was to build it once as a
model with `x` as input and `z` as output and apply that model repeatedly, and they suspected
"this causes the Convolution to be the same in each stage"; fchollet's answer was to write a
Python function that creates new layers per call. Written here the way the reporter described it:
the module model is built once and applied to its own output three times. Shapes line up, so
nothing fails: the three stages silently share one set of weights.
"""

SOURCE = "https://github.com/keras-team/keras/issues/2914"
CODES = ("LD007",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
wires and runs; count_params() == 124: one Conv2D (84 params) shared by the three stages plus the
Dense head (40), where three independent stages would give 292; the summary shows a single
'residual_module' row; all 4 weights get gradients (the shared conv receives the sum of the three
stages' gradients); no warning or error."""

import keras
from keras import layers


def make_residual_module(channels=3):
    x = keras.Input(shape=(32, 32, channels))
    y = layers.Conv2D(channels, 3, padding="same")(x)
    z = layers.Add()([x, y])
    return keras.Model(x, z, name="residual_module")


def build_model(n_stages=3):
    residual_module = make_residual_module()
    inputs = keras.Input(shape=(32, 32, 3))
    h = inputs
    for _ in range(n_stages):
        h = residual_module(h)
    out = layers.Dense(10)(layers.GlobalAveragePooling2D()(h))
    return keras.Model(inputs, out)
