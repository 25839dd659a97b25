"""A Lambda that slices its input and runs a Dense on each slice: the Dense layers are invisible.

The TF issue builds `Lambda(lambda_multiple, output_shape=(C,))` whose function loops over
pieces of its input and applies `layers.Dense(C, name='lyr_1')` to each piece before combining
them. On TF 2.0 this crashed with "Dimensions must be equal, but are 4 and 123" because the
same-named variables were reused across pieces of different width. On Keras 3 it wires and runs,
but every Dense created inside the function is untracked: the model has no weights for them.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/34815"
CODES = ("LD002", "LD012")  # created inside the Lambda: state made per call (LD002); LD012 names the Lambda
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
wires and runs (no shape error, unlike tf.keras 2.0); model.count_params() == 0 and
model.weights == []: the two Dense(4) created per call inside the Lambda (123*4+4 and 4*4+4 =
516 params) are untracked and re-created on every call; output (2, 4); no warning."""

import keras
from keras import layers, ops

C = 4
F = 127


def lambda_multiple(x):
    # two pieces of different width: 123 and 4 features
    pieces = [x[:, :123], x[:, 123:]]
    outs = []
    for ios in pieces:
        outs.append(layers.Dense(C, name="lyr_1")(ios))
    return ops.add(outs[0], outs[1])


def model_lambda_multiple():
    model_in = layers.Input(shape=(F,))
    model_out = layers.Lambda(lambda_multiple, name="lambda_multiple", output_shape=(C,))(model_in)
    return keras.Model(model_in, model_out)


def build_model():
    return model_lambda_multiple()
