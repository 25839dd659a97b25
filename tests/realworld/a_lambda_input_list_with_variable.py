"""A trainable matrix passed in a Lambda's input list next to a Keras input: `Lambda(...)([A, B])`.

The reporter wanted a trainable weight `B` of shape (64, 128) multiplied with the input, "similar
to tf.get_variable", and wrote `Lambda(lambda x: tf.matmul(x[0], x[1], transpose_b=True))([A, B])`.
`B` is not a layer output: the Lambda receives it as a constant argument and nothing tracks it.
Ported to Keras 3 with a `keras.Variable` and keras.ops.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/30587"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 65 (the Dense only); the 64x128 variable B (8192 values) is not in model.weights;
the Lambda reads it live at every call (a tape watching B directly gets a gradient) but it is not in
model.trainable_weights, so fit never updates it; no warning or error."""

import numpy as np
import keras
from keras import ops

B = keras.Variable(np.random.normal(size=(64, 128)).astype("float32"), name="B")


def build_model():
    A = keras.Input(shape=(128,))
    out = keras.layers.Lambda(lambda x: ops.matmul(x[0], ops.transpose(x[1])))([A, B])
    out = keras.layers.Dense(1)(out)
    return keras.Model(inputs=A, outputs=out)
