# LD011 untracked-container: layers kept in a container class Keras 3 does not wrap (deque, UserList, TF's trackable List)
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix10a/containers.py: two Dense(4)
# on 4 features stored on a layer attribute, then called): Keras 3's tracker wraps list, tuple, dict,
# set and their subclasses (OrderedDict, defaultdict, namedtuple, TF's ListWrapper / _DictWrapper,
# which subclass list / dict): 4 weights. It does not look inside collections.deque, frozenset,
# collections.UserList / UserDict / ChainMap, or TensorFlow's internal trackable containers
# tensorflow.python.trackable.data_structures.List and .Mapping (not list / dict subclasses): 0
# weights. On this file (/tmp/fix10a/measure_o.py, weights after one call, variables the tape saw
# that the model does not track):
# make_tf_list_blocks: 2 weights, 6 untracked; make_mapping_heads: 0 weights, 4 untracked;
# make_deque_stack: 0 weights, 4 untracked; make_appended_deque: 0 weights, 4 untracked;
# make_user_list_towers: 0 weights, 4 untracked; make_chain_heads: 0 weights, 5 untracked (the
# keras.Variable in the UserDict too).
# Twins: make_list_wrapper_blocks: 8 weights, 0 untracked; make_ordered_heads: 4 weights, 0
# untracked; make_tuple_of_generator: 6 weights, 0 untracked (self.add_weight results in a deque are
# tracked by the layer itself).
import collections
from collections import OrderedDict, UserList, deque

import keras
import tensorflow as tf
from keras import layers
from tensorflow.python.trackable import data_structures
from tensorflow.python.trackable.data_structures import Mapping as TrackableMapping

CASE, TITLE = "LD011o", "layers in a deque, UserList, ChainMap or TF's trackable List: Keras 3 does not look inside"


class TfListBlocks(tf.keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.static_layer = tf.keras.layers.Dense(units)
        self.blocks = data_structures.List([tf.keras.layers.Dense(units) for _ in range(3)])  # LD011

    def call(self, x):
        x = self.static_layer(x)
        for block in self.blocks:
            x = x + block(x)
        return x


class MappingHeads(layers.Layer):
    def build(self, input_shape):
        self.heads = TrackableMapping({"a": layers.Dense(4), "b": layers.Dense(4)})  # LD011

    def call(self, x):
        return self.heads["a"](x) + self.heads["b"](x)


class DequeStack(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.stack = collections.deque([layers.Dense(4, name=f"d{i}") for i in range(2)])  # LD011

    def call(self, x):
        for layer in self.stack:
            x = layer(x)
        return x


class AppendedDeque(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.recent = deque(maxlen=2)
        first = layers.Dense(4)
        self.recent.append(first)  # LD011
        self.recent.appendleft(layers.Dense(4))

    def call(self, x):
        for layer in self.recent:
            x = layer(x)
        return x


class UserListTowers(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        towers = [layers.Dense(4), layers.Dense(4)]
        self.towers = UserList(towers)  # LD011

    def call(self, x):
        return sum(tower(x) for tower in self.towers)


class ChainHeads(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = collections.ChainMap({"a": layers.Dense(4)}, {"b": layers.Dense(4)})  # LD011
        self.offsets = collections.UserDict(shift=keras.Variable(keras.ops.zeros((4,))))  # LD011

    def call(self, x):
        return self.heads["a"](x) + self.heads["b"](x) + self.offsets["shift"]


class ListWrapperBlocks(tf.keras.layers.Layer):
    """Twin: TF's ListWrapper subclasses list, so Keras 3 wraps it in a TrackedList."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = data_structures.ListWrapper([tf.keras.layers.Dense(4) for _ in range(2)])
        self.extra = data_structures.wrap_or_unwrap([tf.keras.layers.Dense(4), tf.keras.layers.Dense(4)])

    def call(self, x):
        for block in [*self.blocks, *self.extra]:
            x = block(x)
        return x


class OrderedHeads(layers.Layer):
    """Twin: an OrderedDict is a dict: tracked."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = OrderedDict(a=layers.Dense(4), b=layers.Dense(4))

    def call(self, x):
        return self.heads["a"](x) + self.heads["b"](x)


class TupleOfGenerator(layers.Layer):
    """Twin: a tuple built from a generator is a tuple: tracked (a deque of plain numbers is fine too)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layers_ = tuple(layers.Dense(4) for _ in range(2))
        self.history = deque([0.0, 1.0], maxlen=4)

    def build(self, input_shape):
        self.scales = deque([self.add_weight(shape=(4,)), self.add_weight(shape=(4,))])  # add_weight tracks them

    def call(self, x):
        return self.layers_[0](x) + self.layers_[1](x) + self.scales[0] + self.scales[1]


def make_tf_list_blocks():
    return TfListBlocks()


def make_mapping_heads():
    return MappingHeads()


def make_deque_stack():
    return DequeStack()


def make_appended_deque():
    return AppendedDeque()


def make_user_list_towers():
    return UserListTowers()


def make_chain_heads():
    return ChainHeads()


def make_list_wrapper_blocks():
    return ListWrapperBlocks()


def make_ordered_heads():
    return OrderedHeads()


def make_tuple_of_generator():
    return TupleOfGenerator()
