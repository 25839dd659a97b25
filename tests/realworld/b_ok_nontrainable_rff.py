"""Correct: random Fourier feature layer whose random weights are made with `add_weight(trainable=False)`.

GPflux PR #51 "Make RFF weights explicitly not trainable": the random frequencies and phases of
the RFF layer are created with `add_weight` (trainable by default, which "could potentially
introduce bugs") and are now marked `trainable=False`. They are read in `call()` only through
`cos(...)` and never receive or need a gradient; only the kernel lengthscale and the linear head
train.
"""

SOURCE = "https://github.com/secondmind-labs/GPflux/pull/51"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 174 (trainable: first Dense 12, lengthscale 1, head 33; non-trainable: W 96,
b 32); under GradientTape on a (2, 3) batch all five trainable weights get gradients; W and b are
not in trainable_weights; no warning."""

import numpy as np

import keras
from keras import ops


class RandomFourierFeatures(keras.layers.Layer):
    def __init__(self, num_features=32, **kwargs):
        super().__init__(**kwargs)
        self.num_features = num_features

    def build(self, input_shape):
        d = input_shape[-1]
        self.lengthscale = self.add_weight(name="lengthscale", shape=(), initializer="ones")
        self.W = self.add_weight(
            name="W", shape=(d, self.num_features),
            initializer=keras.initializers.RandomNormal(), trainable=False,
        )
        self.b = self.add_weight(
            name="b", shape=(self.num_features,),
            initializer=keras.initializers.RandomUniform(0.0, 2 * np.pi), trainable=False,
        )

    def call(self, x):
        proj = ops.matmul(x / self.lengthscale, self.W) + self.b
        return np.sqrt(2.0 / self.num_features) * ops.cos(proj)


def build_model():
    return keras.Sequential([
        keras.Input(shape=(3,)),
        keras.layers.Dense(3),
        RandomFourierFeatures(32),
        keras.layers.Dense(1),
    ])
