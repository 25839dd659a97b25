"""Weights made in __init__ (held-out 21: the Keras guide's `Linear(units, input_dim)` copied as
written). The kernel's first dimension is the input width given by hand: it runs for that width only.
Look-alikes: the same layer making its kernel in build(), and a position table made in __init__ whose
first dimension is the sequence length (not the width the layer is called on)."""

import numpy as np
import keras
from keras import ops

LENGTH, WIDTH, UNITS = 5, 3, 4


class HandSizedLinear(keras.layers.Layer):
    def __init__(self, units=UNITS, input_dim=32):
        super().__init__()
        self.w = self.add_weight(
            shape=(input_dim, units), initializer="random_normal", trainable=True
        )
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class HandSizedThreshold(keras.layers.Layer):
    """A per-feature threshold as a row weight, sized by hand (held-out 18, sfaira)."""

    def __init__(self, out_dim, **kwargs):
        super().__init__(**kwargs)
        self.bias = self.add_weight(name="bias", shape=[1, out_dim], initializer="zeros")

    def call(self, x):
        return ops.sigmoid(x - self.bias)


class HandSizedTime2Vec(keras.layers.Layer):
    """Per-step weights sized by a hand-given sequence length (held-out 22, Time2Vec)."""

    def __init__(self, sequence_len=128):
        super().__init__()
        self.weights_linear = self.add_weight(name="weight_linear", shape=(sequence_len,), initializer="uniform")

    def call(self, x):
        return ops.expand_dims(self.weights_linear * ops.squeeze(x, axis=2), -1)


class BuiltLinear(keras.layers.Layer):
    def __init__(self, units=UNITS):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")

    def call(self, inputs):
        return ops.matmul(inputs, self.w)


class PositionTable(keras.layers.Layer):
    def __init__(self, length, width, **kwargs):
        super().__init__(**kwargs)
        self.table = self.add_weight(shape=(length, width), initializer="random_normal")

    def call(self, x):
        return x + self.table[None, : ops.shape(x)[1]]


def hand_sized_linear():
    x = np.ones((2, WIDTH), "float32")
    layer = HandSizedLinear(UNITS, WIDTH)
    layer(x)
    return layer, x


def hand_sized_threshold():
    inputs = keras.Input((WIDTH,))
    return keras.Model(inputs, HandSizedThreshold(out_dim=WIDTH)(inputs)), np.ones((2, WIDTH), "float32")


def hand_sized_time2vec():
    inputs = keras.Input((LENGTH, 1))
    return keras.Model(inputs, HandSizedTime2Vec(LENGTH)(inputs)), np.ones((2, LENGTH, 1), "float32")


def built_linear():
    x = np.ones((2, WIDTH), "float32")
    return BuiltLinear(), x


def position_table():
    inputs = keras.Input((LENGTH, WIDTH))
    return keras.Model(inputs, PositionTable(LENGTH, WIDTH)(inputs)), np.ones((2, LENGTH, WIDTH), "float32")
