"""Correct: rounding in the forward pass, identity in the backward pass (`g + stop_gradient(f - g)`).

keras#9396 asks how to feed rounded activations forward while backpropagating through the
unrounded ones; the answer that worked: `y = g(x) + stop_gradient(f(x) - g(x))`, which equals
`round(x)` forward and has the gradient of `x` backward. Looks like a `round` plus a
`stop_gradient` on a path full of trainable weights, but every weight gets a gradient.
"""

SOURCE = "https://github.com/keras-team/keras/issues/9396"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 99; under GradientTape on a (2, 10) batch all six trainable weights (three
Dense layers, including the one before the rounding layer) get non-None gradients; the rounding
layer's output holds only 0.0/1.0 values; no warning."""

import keras
from keras import layers, ops


class RoundST(layers.Layer):
    """Binary activations: round() forward, identity backward."""

    def call(self, x):
        return x + ops.stop_gradient(ops.round(x) - x)


def build_model():
    inputs = keras.Input(shape=(10,))
    h = layers.Dense(6, activation="sigmoid")(inputs)
    h = RoundST()(h)
    h = layers.Dense(4, activation="relu")(h)
    outputs = layers.Dense(1)(h)
    return keras.Model(inputs, outputs)
