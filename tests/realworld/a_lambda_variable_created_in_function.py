"""A learnable softmax temperature written as a Lambda that creates a backend variable: never trained.

The reporter wanted to scale an input vector by a weight `W` before a softmax and wrote the
scale as a Lambda whose function creates `K.variable(1.0)`. The summary showed no parameters
and they asked whether `W` would be updated at all. It is not: the variable is created inside
the Lambda's function, which Keras does not track. Ported to Keras 3 with `keras.Variable`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/4608"
CODES = ("LD002", "LD012")  # created inside the Lambda: state made per call (LD002); LD012 names the Lambda
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.count_params() == 0, model.weights == [] ; the variable 'w_g' created inside the Lambda's
function is not in any weight list; a fresh variable is created on each model call (value 1.0),
so nothing could ever train it; no warning or error at build or call."""

import keras
from keras import ops
from keras.layers import Activation, Input, Lambda

N = 11


def scale(x):
    w = keras.Variable(1.0, name="w_g")
    return ops.multiply(x, w)


def scale_output_shape(input_shape):
    return input_shape


def build_model():
    my_input = Input(shape=(N,), name="input")
    scaled = Lambda(scale, scale_output_shape, name="softmax_scale")(my_input)
    my_out = Activation("softmax", name="softmax")(scaled)
    return keras.Model(inputs=my_input, outputs=my_out, name="gating")
