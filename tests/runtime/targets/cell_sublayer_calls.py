"""RNN cells of the user's own whose sublayer runs in every cell call: the RNN calls the cell once per
time step, so the sublayer is called once per step, which is how a cell works, not sharing (held-out
26's ncps cell). Twin: a cell whose call() applies one Dense twice (two places, one set of weights).
Each function returns (model, inputs)."""

import keras
import numpy as np
from keras import layers

INPUTS = np.ones((2, 5, 3), dtype="float32")
CALLS = {}  # cell class name -> Dense calls counted in the last cell call


class OnceCell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units
        self.mix = layers.Dense(units, activation="tanh")

    def call(self, inputs, states):
        h = self.mix(keras.ops.concatenate([inputs, states[0]], axis=-1))
        return h, [h]


class TwiceCell(OnceCell):
    def call(self, inputs, states):
        h = self.mix(keras.ops.concatenate([inputs, states[0]], axis=-1))
        h = self.mix(keras.ops.concatenate([inputs, h], axis=-1))
        return h, [h]


def _model(cell):
    x = keras.Input((5, 3))
    return keras.Model(x, layers.RNN(cell)(x))


def cell_calls_its_dense_once_per_step():
    return _model(OnceCell(4)), INPUTS


def cell_calls_its_dense_twice_per_step():
    return _model(TwiceCell(4)), INPUTS
