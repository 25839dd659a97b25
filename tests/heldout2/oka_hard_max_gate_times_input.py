"""Correct: a hard-max gate `x * stop_gradient(one_hot(argmax(x)))` keeps the gradient path through `x`.

In the thread about a softmax-to-one-hot Lambda raising ValueError, the suggested alternative is to
multiply the one-hot filter by `x` (with `stop_gradient` on the filter), so only the winning entry
passes and the layers before it still receive a gradient.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5537"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_hard_max_gate_times_input.py:
as returned: Functional, count_params() = 38, 4 weights, unbuilt: none
after call: count_params() = 38, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


def hard_max_gate(x):
    winner = ops.one_hot(ops.argmax(x, axis=-1), x.shape[-1])
    return x * ops.stop_gradient(winner)


def build_model():
    inputs = keras.Input((6,))
    scores = keras.layers.Dense(4, activation="softmax")(inputs)
    gated = keras.layers.Lambda(hard_max_gate)(scores)
    return keras.Model(inputs, keras.layers.Dense(2)(gated))
