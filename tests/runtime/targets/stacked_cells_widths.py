"""One LSTMCell repeated in the list StackedRNNCells gets (`[LSTMCell(n)] * k`): RNN's loop runs the same
cell on the input (8 features) and then on its own output (16). Keras 3 wires the model without a word and
the first call on data fails in the cell's matmul; each cell made apart is fine."""

import numpy as np

import keras
from keras import layers

UNITS, DEPTH, FEATURES = 16, 3, 8


def repeated_cell():
    cells = [layers.LSTMCell(UNITS)] * DEPTH
    inputs = keras.Input((10, FEATURES))
    outputs = layers.RNN(layers.StackedRNNCells(cells))(inputs)
    return keras.Model(inputs, outputs)


def separate_cells():
    cells = [layers.LSTMCell(UNITS) for _ in range(DEPTH)]
    inputs = keras.Input((10, FEATURES))
    outputs = layers.RNN(layers.StackedRNNCells(cells))(inputs)
    return keras.Model(inputs, outputs)


def batch():
    return np.random.rand(2, 10, FEATURES).astype("float32")
