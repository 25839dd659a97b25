"""Layers whose __init__ never calls super().__init__() (held-out 7, noisy-cyclegan): Keras 3 fails far
from the cause, on a public attribute Layer.__init__ sets (`name`) when a Sequential adds the layer, or
when the layer is called while wiring."""

import keras
from keras import layers


class ConvBlock(layers.Layer):
    def __init__(self, filters):
        self.conv = layers.Conv2D(filters, 3, padding="same")
        self.relu = layers.ReLU()

    def call(self, x):
        return self.relu(self.conv(x))


class Scale(layers.Layer):
    def __init__(self, factor):
        self.factor = factor

    def call(self, x):
        return x * self.factor


class FixedBlock(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(filters, 3, padding="same")

    def call(self, x):
        return self.conv(x)


def in_sequential():
    return keras.Sequential([layers.Input((8, 8, 3)), ConvBlock(4), layers.GlobalAveragePooling2D()])


def called_while_wiring():
    inputs = keras.Input((4,))
    return keras.Model(inputs, Scale(2.0)(inputs))


def fixed():
    return keras.Sequential([layers.Input((8, 8, 3)), FixedBlock(4), layers.GlobalAveragePooling2D()])
