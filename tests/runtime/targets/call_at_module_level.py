"""A layer class whose `def call(self, ...)` sits at module level after it (its indentation ends the
class first: held-out 27's IndependentStudies autoencoder). The class has no call(), so Keras's base
call raises NotImplementedError when the model is called, and its sublayers never run. Twin: the same
code with call() indented into the class. Each function returns (model, inputs)."""

import keras
import numpy as np
from keras import layers

INPUTS = np.ones((2, 8), dtype="float32")


class AutoEncoder(keras.Model):
    def __init__(self, width):
        super().__init__()
        self.encoder = layers.Dense(3, activation="relu")
        self.decoder = layers.Dense(width)

def call(self, inputs):  # noqa: E302 - (as the author's file has it: a method dedented out of its class)
    return self.decoder(self.encoder(inputs))


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)


class Indented(keras.Model):
    def __init__(self, width):
        super().__init__()
        self.encoder = layers.Dense(3, activation="relu")
        self.decoder = layers.Dense(width)

    def call(self, inputs):
        return self.decoder(self.encoder(inputs))


def model_call_at_module_level():
    return AutoEncoder(8), INPUTS


def model_call_indented():
    return Indented(8), INPUTS
