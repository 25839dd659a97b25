"""Stacks of RNN cells built with list multiplication (held-out 5, Piano Genie): `[LSTMCell(n)] * k`
repeats one cell object, so every layer of the stack is the same cell. Twins: one cell per layer,
and a Bidirectional wrapper (Keras 3 rebuilds both directions from the config: separate cells)."""

import keras
from keras import layers

UNITS = 4


class StackedDecoder(keras.Model):
    def __init__(self, cells):
        super().__init__()
        self.rnn = layers.RNN(layers.StackedRNNCells(cells), return_sequences=True)
        self.out = layers.Dense(1)

    def call(self, x):
        return self.out(self.rnn(x))


def _called(model):
    model(keras.ops.ones((2, 5, UNITS)))
    return model


def lstm_cells_multiplied():
    return _called(StackedDecoder([layers.LSTMCell(UNITS)] * 2))


def gru_cell_list_to_rnn_multiplied():
    """A list of cells given to RNN itself: Keras wraps it in StackedRNNCells."""
    inputs = keras.Input((5, UNITS))
    outputs = layers.RNN([layers.GRUCell(UNITS)] * 3)(inputs)
    return keras.Model(inputs, outputs)


def one_cell_per_layer():
    return _called(StackedDecoder([layers.LSTMCell(UNITS) for _ in range(2)]))


def bidirectional_multiplied():
    inputs = keras.Input((5, UNITS))
    cells = layers.StackedRNNCells([layers.LSTMCell(UNITS)] * 2)
    outputs = layers.Bidirectional(layers.RNN(cells))(inputs)
    return keras.Model(inputs, outputs)
