# LD008 incompatible-reuse: a layer applied again to its own output, which changed the feature count
import tensorflow as tf
from tensorflow import keras

CASE, TITLE = "LD008c", "a Conv/Dense reapplied to its own output after it changed the channels"
INPUTS = [(10, 10, 3)]


def make_functional():
    inp = keras.Input((10, 10, 3))
    conv = keras.layers.Conv2D(16, 3, padding="same", activation="relu")
    first = conv(inp)
    pooled = keras.layers.MaxPooling2D()(first)
    second = conv(pooled)  # LD008
    return keras.Model(inp, second)


class Tower(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embed = keras.layers.Dense(12)
        self.mix = keras.layers.Dense(24, activation="relu")

    def call(self, x):
        h = self.embed(x)
        h = self.mix(h)
        return self.mix(h)  # LD008


# Correct look-alikes: the width does not change, or the first input's width is unknown.
class SameWidthTower(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embed = keras.layers.Dense(12)
        self.mix = keras.layers.Dense(12, activation="relu")

    def call(self, x):
        return self.mix(self.mix(self.embed(x)))


class UnknownWidth(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mix = keras.layers.Dense(12)

    def call(self, x):
        return self.mix(self.mix(x))


def same_channels():
    inp = keras.Input((10, 10, 16))
    conv = keras.layers.Conv2D(16, 3, padding="same")
    return keras.Model(inp, conv(conv(inp)))
