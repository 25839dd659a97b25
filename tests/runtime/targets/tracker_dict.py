"""Targets for tests/runtime/test_runtime_crash_diagnosis.py: heads kept in a dict under Keras 3's own
`_layers` name (building fails), and the same dict under a name of the layer's own."""

import keras
from keras import layers, ops


class Heads(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._layers = {"score": layers.Dense(2), "box": layers.Dense(4)}

    def call(self, x):
        return ops.concatenate([self._layers["score"](x), self._layers["box"](x)], axis=-1)


class OwnHeads(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._heads = {"score": layers.Dense(2), "box": layers.Dense(4)}

    def call(self, x):
        return ops.concatenate([self._heads["score"](x), self._heads["box"](x)], axis=-1)


def heads_under_keras_name():
    inputs = keras.Input((4,))
    return keras.Model(inputs, Heads()(inputs))


def heads_under_own_name():
    inputs = keras.Input((4,))
    return keras.Model(inputs, OwnHeads()(inputs))
