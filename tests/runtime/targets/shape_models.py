"""Models for the --shape-only tests: a custom model with several findings that need no data,
one with mixed dtypes and a frozen part, and one whose weights would take gigabytes."""

import keras
import numpy as np


class Encoder(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = keras.layers.Dense(units)
        self.spare = keras.layers.Dense(3)  # never called: LD005
        self.heads = HeadHolder(units)  # layers in a plain object: LD011

    def build(self, input_shape):
        self.gain = self.add_weight(shape=(self.units,), initializer="ones", name="gain")
        self.proj.build(input_shape)

    def call(self, x):
        return self.proj(x) * self.gain


class HeadHolder:
    def __init__(self, units):
        self.dense = keras.layers.Dense(units)


class Net(keras.Model):
    def __init__(self, units=8, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Encoder(units)
        self.shared = keras.layers.Dense(units)
        self.scale = np.linspace(0.5, 1.5, units).astype("float32")  # weight-like array: LD001
        self.out = keras.layers.Dense(2)

    def call(self, x):
        h = self.shared(self.encoder(x))
        h = self.shared(h)  # one Dense applied twice: LD007
        return self.out(h * self.scale)


def build_net():
    return Net(units=8)


def build_mixed():
    """float32 and float16 weights, a frozen Dense and a non-trainable BatchNormalization state."""
    inputs = keras.Input((6,))
    h = keras.layers.Dense(5, dtype="float16", name="half")(inputs)
    frozen = keras.layers.Dense(4, name="frozen")
    frozen.trainable = False
    h = frozen(h)
    h = keras.layers.BatchNormalization(name="norm")(h)
    return keras.Model(inputs, keras.layers.Dense(3, name="head")(h))


BIG_UNITS = 23_000  # Dense(23000) on 23000 features: 529,023,000 params, 2.1 GB of float32


def build_big():
    inputs = keras.Input((BIG_UNITS,))
    return keras.Model(inputs, keras.layers.Dense(BIG_UNITS)(inputs))


def build_too_big():
    """10**12 parameters (3.64 TB): no machine here builds it."""
    inputs = keras.Input((1_000_000,))
    return keras.Model(inputs, keras.layers.Dense(1_000_000)(inputs))
