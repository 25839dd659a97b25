"""An intermediate layer's output is clipped and rounded in a `Lambda`, cutting every layer before it off.

keras#5107: the reporter clips and rounds the output of an intermediate layer with
`Lambda(lambda x: K.round(K.clip(x, ...)))` and gets "None values not supported" from
TensorFlow; the answer: rounding is a step function, "training your network won't do anything
past the rounding layer". The rounded values are integers stored as floats.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5107"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 249; under GradientTape on a (2, 10) batch both Dense layers before the Lambda
(4 weights) get a None gradient, only the last Dense gets gradients; no warning at call time."""

import keras
from keras import layers, ops


def build_model():
    inputs = keras.Input(shape=(10,))
    h = layers.Dense(16, activation="relu")(inputs)
    h = layers.Dense(4)(h)
    levels = layers.Lambda(lambda x: ops.round(ops.clip(x, 0.0, 7.0)), name="to_levels")(h)
    outputs = layers.Dense(1)(levels)
    return keras.Model(inputs, outputs)
