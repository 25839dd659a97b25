"""A block run as `self.block.call(x)` (held-out 22, a translator's EncoderBlock): Keras's __call__, which
builds a layer, is skipped, so the block stays unbuilt though the Dense layers it runs are built. Twin:
the block called as `self.block(x)`."""

import numpy as np
import keras
from keras import layers


class Block(layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.up = layers.Dense(2 * width, activation="relu")
        self.down = layers.Dense(width)

    def call(self, x):
        return self.down(self.up(x))


class ThroughCall(layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.block = Block(width)

    def call(self, x):
        return self.block.call(x)


class Called(ThroughCall):
    def call(self, x):
        return self.block(x)


def _model(layer_class):
    inputs = keras.Input((3,))
    x = layer_class(3)(inputs)
    x = layer_class(3)(x)
    return keras.Model(inputs, layers.Dense(1)(x)), np.ones((2, 3), "float32")


def through_call():
    return _model(ThroughCall)


def called():
    return _model(Called)
