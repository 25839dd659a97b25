"""A per-feature weighting over time assigns `self.trainable_weights = [self.W]` in `build()`.

The report's `CustomSoftmax` (a Keras 1 layer after a Conv3D stack) makes `self.W` with
`K.variable(np.random.random(...))` and then registers it by assigning `self.trainable_weights`.
Ported to Keras 3 as a user would write it today: `keras.Variable` for the weight, the assignment kept.
"""

SOURCE = "https://github.com/keras-team/keras/issues/4654"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld006_time_softmax_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'TimeWeighting' object has no setter"""

import keras
import numpy as np
from keras import ops


class TimeWeighting(keras.layers.Layer):
    def build(self, input_shape):
        initial = np.random.random((input_shape[-1],)).astype("float32")
        self.W = keras.Variable(initial, name="W")
        self.trainable_weights = [self.W]

    def call(self, x):
        return ops.sum(x, axis=1) * self.W


def build_model():
    inputs = keras.Input((7, 6))
    x = keras.layers.Conv1D(6, 3, padding="same")(inputs)
    x = TimeWeighting()(x)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
