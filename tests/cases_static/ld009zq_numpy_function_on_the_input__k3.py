# LD009 no-gradient: a NumPy function applied to call()'s input turns it into an array: no gradient flows back
import numpy as np
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD009zq", "np.concatenate / np.multiply on tensors in call(): the layers before get no gradient"
FEATURES = 6
# (heldout33 aq_mockawolke: 10 of 12 trainable weights get a None gradient, measured on Keras 3.15.1 + TF 2.21)


class Cell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.gate = layers.Dense(units, activation="sigmoid")

    def call(self, x, state):
        joined = np.concatenate([x, state], axis=1)  # LD009
        return self.gate(joined)


class Scaled(layers.Layer):
    """Correct: NumPy only on Python numbers (the scale), the input stays a tensor."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = layers.Dense(units)

    def call(self, x):
        return self.dense(x) / np.sqrt(self.units)


class Joined(layers.Layer):
    """Correct: the TensorFlow op keeps the gradient."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.gate = layers.Dense(units)

    def call(self, x, state):
        return self.gate(tf.concat([x, state], axis=1))
