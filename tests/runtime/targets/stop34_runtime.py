"""Targets for tests/runtime/test_runtime_stop34.py (held-out 31): a base __init__ run again from build(),
and tensors a call() re-derives from the weights through locals and other attributes (SincNet)."""

import keras
import numpy as np
import tensorflow as tf


class Mlp(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(Mlp, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        super(Mlp, self).__init__(input_shape)

    def call(self, x):
        return x @ self.kernel


class MlpFixed(Mlp):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        super(Mlp, self).build(input_shape)


def init_again():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Mlp(2)(inputs))


def init_once():
    inputs = keras.Input((3,))
    return keras.Model(inputs, MlpFixed(2)(inputs))


class Band(keras.layers.Layer):
    """Every per-call attribute is computed from the two weights, through locals and other attributes."""

    def build(self, input_shape):
        self.low = self.add_weight(shape=(4, 1), initializer="ones", name="low")
        self.width = self.add_weight(shape=(4, 1), initializer="ones", name="width")

    def call(self, x):
        self.low_cut = tf.abs(self.low) + 0.1
        self.high_cut = self.low_cut + tf.abs(self.width)
        band = self.high_cut - self.low_cut
        self.band = tf.concat([band, band], 1)
        self.kernel = tf.reshape(tf.transpose(self.band), [8, 1])
        return x @ self.kernel


class Drawn(keras.layers.Layer):
    """The per-call attribute is drawn anew, from nothing the layer holds: state made per call."""

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

    def call(self, x):
        self.noise = tf.random.normal((8, 1))
        return self.scale * (x @ self.noise)


def derived_per_call():
    inputs = keras.Input((8,))
    model = keras.Model(inputs, Band()(inputs))
    model(np.ones((2, 8), "float32"))
    return model


def drawn_per_call():
    inputs = keras.Input((8,))
    model = keras.Model(inputs, Drawn()(inputs))
    model(np.ones((2, 8), "float32"))
    return model
