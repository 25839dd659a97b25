"""Correct: the docs' `antirectifier` Lambda, using only its input and backend ops.

The Lambda API page shows `model.add(Lambda(antirectifier))` where `antirectifier` centres,
L2-normalises and concatenates the positive and negative parts of its input. It has no state at
all, so a Lambda is fine. Ported from `K.*` to `keras.ops`; the function is a module-level def
and references module-level names (`ops`), which can look like captured state.
"""

SOURCE = "https://keras.io/2.18/api/layers/core_layers/lambda"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 369 (Dense(16) + Dense(1) on the 32-wide antirectifier output); every trainable
weight gets a gradient under tf.GradientTape; output (2, 1); no warning."""

import keras
from keras import ops
from keras.layers import Dense, Lambda

AXIS = 1


def antirectifier(x):
    x = x - ops.mean(x, axis=AXIS, keepdims=True)
    x = x / ops.maximum(ops.sqrt(ops.sum(ops.square(x), axis=AXIS, keepdims=True)), 1e-7)
    pos = ops.relu(x)
    neg = ops.relu(-x)
    return ops.concatenate([pos, neg], axis=AXIS)


def build_model():
    model = keras.Sequential()
    model.add(keras.Input((20,)))
    model.add(Dense(16))
    model.add(Lambda(antirectifier))
    model.add(Dense(1))
    return model
