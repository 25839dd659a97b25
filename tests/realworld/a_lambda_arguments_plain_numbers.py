"""Correct: `Lambda(linear, arguments={'a': 5, 'b': 10})` with plain Python numbers.

The PR that added `arguments=` to Lambda shows `model.add(Lambda(linear, arguments={'a':5,
'b':10}))` for `linear(x, a, b) = x * a + b`. Plain config values are exactly what `arguments`
is for: nothing to track. Looks like the tensor-through-arguments bug, but is not.
"""

SOURCE = "https://github.com/keras-team/keras/pull/1911"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 110 (the Dense); both Lambdas (arguments {'a': 5, 'b': 10} and {'axis': 1}) run,
output (2,); every trainable weight gets a gradient; no warning."""

import keras
from keras.layers import Dense, Lambda


def linear(x, a, b):
    return x * a + b


def build_model():
    model = keras.Sequential()
    model.add(keras.Input((10,)))
    model.add(Dense(10))
    model.add(Lambda(linear, arguments={"a": 5, "b": 10}))
    model.add(Lambda(lambda t, axis: keras.ops.sum(t, axis=axis), arguments={"axis": 1}))
    return model
