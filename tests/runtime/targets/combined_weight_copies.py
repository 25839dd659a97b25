"""Several weights made in build() and combined once into one tensor (concatenate, stack, tf.concat),
so call() reads a frozen copy and the weights never train: LD010 (held-out 12's R-GCN
GraphConvolution, `self.W = K.concatenate([self.add_weight(...) for _ in range(support)])`).
Twins keep the weights in a list and combine them in call(), or in a property call() reads.
test_runtime_combined_weight_copies.py measures Keras first."""

import keras
import tensorflow as tf
from keras import ops


class ConcatBasis(keras.layers.Layer):
    """R-GCN's spelling: a comprehension of add_weight calls, concatenated in build()."""

    def __init__(self, units, support=2):
        super().__init__()
        self.units, self.support = units, support

    def build(self, input_shape):
        self.W = ops.concatenate([self.add_weight(shape=(input_shape[-1], self.units), name=f"w{i}")
                                  for i in range(self.support)], axis=1)

    def call(self, x):
        return ops.matmul(x, self.W)


class StackedPair(keras.layers.Layer):
    """Two weights bound to locals and stacked (tf.stack) under another name."""

    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        first = self.add_weight(shape=(input_shape[-1], self.units), name="first")
        second = self.add_weight(shape=(input_shape[-1], self.units), name="second")
        self.pair = tf.stack([tf.convert_to_tensor(first), tf.convert_to_tensor(second)], axis=0)

    def call(self, x):
        return ops.matmul(x, self.pair[0]) + ops.matmul(x, self.pair[1])


class TfConcatBlocks(keras.layers.Layer):
    """Weights of different shapes, joined with tf.concat in a helper build() calls."""

    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self._make_table(input_shape[-1])

    def _make_table(self, dim):
        left = self.add_weight(shape=(dim, 3), name="left")
        right = self.add_weight(shape=(dim, self.units - 3), name="right")
        self.table = tf.concat([left, right], axis=1)

    def call(self, x):
        return tf.matmul(x, self.table)


class ListConcatInCall(keras.layers.Layer):
    """Twin: the weights stay in a list attribute; call() concatenates them each time."""

    def __init__(self, units, support=2):
        super().__init__()
        self.units, self.support = units, support

    def build(self, input_shape):
        self.kernels = [self.add_weight(shape=(input_shape[-1], self.units), name=f"w{i}")
                        for i in range(self.support)]

    def call(self, x):
        return ops.matmul(x, ops.concatenate(self.kernels, axis=1))


class PropertyConcat(keras.layers.Layer):
    """Twin: a property concatenates the weights on every read."""

    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.first = self.add_weight(shape=(input_shape[-1], self.units), name="first")
        self.second = self.add_weight(shape=(input_shape[-1], self.units), name="second")

    @property
    def W(self):
        return ops.concatenate([self.first, self.second], axis=1)

    def call(self, x):
        return ops.matmul(x, self.W)


def _functional(layer):
    inputs = keras.Input((6,))
    return keras.Model(inputs, layer(inputs))


def concat_basis():
    return _functional(ConcatBasis(4))


def stacked_pair():
    return _functional(StackedPair(4))


def tf_concat_blocks():
    return _functional(TfConcatBlocks(8))


def list_concat_in_call():
    return _functional(ListConcatInCall(4))


def property_concat():
    return _functional(PropertyConcat(4))
