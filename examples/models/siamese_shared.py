"""Sharing done right: one encoder for both inputs, counted once (LD007 explains it, as info).

    layerdoctor inspect examples/models/siamese_shared.py       # exit 0
"""

import keras
import numpy as np


class Encoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.out = keras.layers.Dense(8)

    def call(self, inputs):
        return self.out(self.hidden(inputs))


class Siamese(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Encoder()
        self.score = keras.layers.Dense(1, activation="sigmoid")

    def call(self, inputs):
        left, right = inputs
        return self.score(ops_abs(self.encoder(left) - self.encoder(right)))


def ops_abs(x):
    return keras.ops.abs(x)


def build_model():
    """Returns (model, inputs): the inputs are two batches of 10-feature vectors."""
    rng = np.random.default_rng(0)
    inputs = [rng.standard_normal((4, 10)).astype("float32"), rng.standard_normal((4, 10)).astype("float32")]
    return Siamese(), inputs
