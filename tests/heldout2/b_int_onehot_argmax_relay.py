"""A "relay" of two Dense layers is decoded with `one_hot(argmax(softmax(x)))` in a Lambda: the relay never trains.

The report wanted the network to estimate its one-hot input after two Dense layers and feed the
decoded symbol on; `fit` failed with "None values not supported" because nothing before the
argmax receives a gradient. Keras 3 trains silently and the relay weights stay at their initial
values.
"""

SOURCE = "https://github.com/keras-team/keras/issues/9169"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_int_onehot_argmax_relay.py:
as returned: Functional, count_params() = 216, 6 weights, unbuilt: none
after call: count_params() = 216, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 6 trainable weights: ['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops

M = 8


def decode_signal(x):
    probabilities = ops.softmax(x)
    return ops.one_hot(ops.argmax(probabilities, axis=-1), M)


def build_model():
    symbols = keras.Input(shape=(M,))
    relay = keras.layers.Dense(M, activation="relu")(symbols)
    relay = keras.layers.Dense(M)(relay)
    decoded = keras.layers.Lambda(decode_signal, output_shape=(M,))(relay)
    receiver = keras.layers.Dense(M, activation="softmax")(decoded)
    return keras.Model(symbols, receiver)
