# LD011 untracked-container: layers written into a list attribute by index, slice or dict.setdefault
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix9b/containers.py and
# /tmp/fix9b/measure.py on this file): the list or dict assigned to a layer attribute becomes a
# TrackedList / TrackedDict, which tracks append, insert, extend, `+=`, dict item assignment and
# dict.update, but NOT list item assignment (`self.xs[i] = Dense(2)`: 0 weights), slice assignment
# (`self.xs[:] = [...]`: 0 weights), item assignment into an inner list (`self.xs[i][j] = ...`:
# 0 weights) or dict.setdefault (0 weights). Filling a local list by index and then assigning it is
# tracked (4 weights for two Dense(2) on 1 feature).
# make_feature_nets: 1 weight (the bias), 4 variables used untracked; make_slice_filled: 0 weights, 4
# untracked; make_grid: 0 weights, 4 untracked; make_setdefault_heads: 0 weights, 4 untracked;
# twins make_dict_heads: 4 weights, 0 untracked; make_local_filled: 4 weights, 0 untracked;
# make_appended: 4 weights, 0 untracked.
import keras
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD011m", "self.xs[i] = Layer(...) into a list attribute: Keras 3's tracked list does not track item assignment"
FEATURES = 2


class FeatureNets(keras.Model):
    """One subnetwork per feature, filled into a pre-sized list (the NAM pattern)."""

    def __init__(self, features=FEATURES, **kwargs):
        super().__init__(**kwargs)
        self.features = features

    def build(self, input_shape):
        self.nets = [None] * self.features
        for i in range(self.features):
            self.nets[i] = layers.Dense(1, name=f"net_{i}")  # LD011
        self.bias = self.add_weight(shape=(1,), initializer="zeros")

    def call(self, x):
        parts = ops.split(x, self.features, axis=-1)
        return sum(net(p) for net, p in zip(self.nets, parts)) + self.bias


class SliceFilled(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [None, None]
        self.blocks[:] = [tf.keras.layers.Dense(2), tf.keras.layers.Dense(2)]  # LD011

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class Grid(keras.layers.Layer):
    def __init__(self, rows=2, **kwargs):
        super().__init__(**kwargs)
        self.cells = [[None] for _ in range(rows)]
        for r in range(rows):
            self.cells[r][0] = keras.layers.Dense(2)  # LD011

    def call(self, x):
        return sum(row[0](x) for row in self.cells)


class SetdefaultHeads(keras.layers.Layer):
    def build(self, input_shape):
        self.heads = {}
        for key in ("a", "b"):
            self.heads.setdefault(key, layers.Dense(2))  # LD011

    def call(self, x):
        return self.heads["a"](x) + self.heads["b"](x)


class DictHeads(keras.layers.Layer):
    """Twin: dict item assignment is tracked by Keras 3's TrackedDict."""

    def build(self, input_shape):
        self.heads = {}
        for key in ("a", "b"):
            self.heads[key] = layers.Dense(2)

    def call(self, x):
        return self.heads["a"](x) + self.heads["b"](x)


class LocalFilled(keras.layers.Layer):
    """Twin: the list is filled by index while local, then assigned: tracked."""

    def build(self, input_shape):
        nets = [None] * 2
        for i in range(2):
            nets[i] = layers.Dense(2)
        self.nets = nets

    def call(self, x):
        return self.nets[0](x) + self.nets[1](x)


class Appended(keras.layers.Layer):
    """Twin: append and += on the attribute's list are tracked."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.nets = []
        self.nets.append(layers.Dense(2))
        self.nets += [layers.Dense(2)]

    def call(self, x):
        return self.nets[0](x) + self.nets[1](x)


def make_feature_nets():
    return FeatureNets()


def make_slice_filled():
    return SliceFilled()


def make_grid():
    return Grid()


def make_setdefault_heads():
    return SetdefaultHeads()


def make_dict_heads():
    return DictHeads()


def make_local_filled():
    return LocalFilled()


def make_appended():
    return Appended()
