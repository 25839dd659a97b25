"""Correct: a callable object holding only a slice length, used as a Lambda's function.

Asked how to pass extra arguments to a Lambda's function (slice the first `xmaxlen` time steps),
a commenter suggested a small class, `XMaxLen(maxlen)` with `__call__(self, X)`, and
`Lambda(XMaxLen(10), ...)`. The object is a plain Python object reached by the Lambda, which can
look like an untracked container, but it holds an int, no layers or variables.
"""

SOURCE = "https://github.com/keras-team/keras/issues/1879"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 1761 (LSTM 1600 + Dense 161); the Lambda(XMaxLen(10)) slices to (None, 10, 16) and
has no state to lose; all 5 trainable weights get gradients; no warning."""

import keras
from keras.layers import LSTM, Dense, Dropout, Lambda


class XMaxLen:
    def __init__(self, maxlen):
        self.maxlen = maxlen

    def __call__(self, X):
        return X[:, : self.maxlen, :]


def build_model(L=10, k=16):
    model = keras.Sequential()
    model.add(keras.Input((30, 8)))
    model.add(LSTM(k, return_sequences=True))
    model.add(Dropout(0.1))
    model.add(Lambda(XMaxLen(L), output_shape=(L, k)))
    model.add(keras.layers.Flatten())
    model.add(Dense(1))
    return model
