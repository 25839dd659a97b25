"""Vectors made in __init__ as long as the input's width: an RMSNorm scale given the width by hand
(held-out 27's LLaMA study: works for that width only), and a bias made in __init__ from `units`
next to a kernel made in build(), called where units equals the width by chance (works for any
width). The same scale in a layer whose get_config() leaves out the width (Open3D-ML's bias-only BatchNormBlock,
held-out 43: no config rebuilds it). Each function returns (model, inputs)."""

import keras
import numpy as np
from keras import layers, ops

INPUTS = np.ones((2, 5, 4), dtype="float32")


class RMSNorm(layers.Layer):
    def __init__(self, hidden_size, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.epsilon = epsilon
        self.scale = self.add_weight(name="scale", shape=(self.hidden_size,), initializer="ones")

    def call(self, x):
        rms = ops.sqrt(ops.mean(ops.square(x), axis=-1, keepdims=True) + self.epsilon)
        return x / rms * self.scale


class RMSNormPartialConfig(RMSNorm):
    def get_config(self):
        return {"epsilon": self.epsilon}  # (the width left out: from_config cannot make a copy)


class BiasFirst(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.bias = self.add_weight(name="bias", shape=(units,), initializer="zeros")

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.units))

    def call(self, x):
        return ops.matmul(x, self.kernel) + self.bias


def _model(layer):
    x = keras.Input((5, 4))
    return keras.Model(x, layer(x))


def scale_sized_by_hand():
    return _model(RMSNorm(4)), INPUTS


def bias_as_wide_by_chance():
    return _model(BiasFirst(4)), INPUTS


def scale_sized_by_hand_partial_config():
    return _model(RMSNormPartialConfig(4)), INPUTS
