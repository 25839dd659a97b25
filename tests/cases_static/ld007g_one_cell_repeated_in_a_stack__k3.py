# LD007 shared-layer: `[LSTMCell(n)] * k` given to StackedRNNCells/RNN, or a layer list repeated on self (info)
"""Measured on Keras 3.15.1 + TF 2.21: `KERAS_BACKEND=tensorflow python <this file>` builds every
layer on (2, 5, 8) or (2, 8) ones and prints its parameter count. One LSTMCell(8) on 8 features
has 4 * 8 * (8 + 8 + 1) = 544 parameters, one GRUCell(8) 432:

    StackedDecoder, functional_stack        544 params: the two-layer stack holds one cell
    GruStack                                432 params: one GRUCell
    RepeatedTower                            72 params: one Dense(8) for the three blocks
    BidirectionalStack, BidirectionalNamed 2176 params = 4 * 544: Bidirectional rebuilds both
                                            directions from the RNN's config, which un-shares the cells
    DistinctStack                          1088 params: two cells
    CopiedTower                             216 params: deepcopy makes three Dense(8)
"""
import copy

import keras
from keras import layers as L

CASE, TITLE = "LD007g", "one RNN cell repeated in a stack of cells, or a layer list repeated on self"


class StackedDecoder(keras.layers.Layer):
    def __init__(self, units=8, num_layers=2, **kwargs):
        super().__init__(**kwargs)
        cells = L.StackedRNNCells([L.LSTMCell(units)] * num_layers)  # LD007
        self.lstm = L.RNN(cells, return_sequences=True)

    def call(self, x):
        return self.lstm(x)


class GruStack(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rnn = L.RNN([L.GRUCell(8)] * 2)  # LD007

    def call(self, x):
        return self.rnn(x)


class RepeatedTower(keras.layers.Layer):
    def __init__(self, depth=3, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [L.Dense(8, activation="relu")] * depth  # LD007

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


def functional_stack():
    inputs = keras.Input((5, 8))
    outputs = L.RNN([L.LSTMCell(8)] * 2)(inputs)  # LD007
    return keras.Model(inputs, outputs)


# ----------------------------------------------------------------- correct look-alikes


class BidirectionalStack(keras.layers.Layer):
    """Correct: Bidirectional re-creates the RNN (and its cells) from its config for each direction."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lstm = L.Bidirectional(L.RNN(L.StackedRNNCells([L.LSTMCell(8)] * 2)))

    def call(self, x):
        return self.lstm(x)


class BidirectionalNamed(keras.layers.Layer):
    """Correct: the same, through names."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        cells = L.StackedRNNCells([L.LSTMCell(8)] * 2)
        rnn = L.RNN(cells, return_sequences=True)
        self.lstm = L.Bidirectional(rnn)

    def call(self, x):
        return self.lstm(x)


class DistinctStack(keras.layers.Layer):
    """Correct: a comprehension makes one cell per layer of the stack."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lstm = L.RNN(L.StackedRNNCells([L.LSTMCell(8) for _ in range(2)]))

    def call(self, x):
        return self.lstm(x)


class CopiedTower(keras.layers.Layer):
    """Correct: deepcopy of an unbuilt layer is a new layer with its own weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        prototype = L.Dense(8)
        self.blocks = [copy.deepcopy(prototype) for _ in range(3)]

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


if __name__ == "__main__":
    sequences, vectors = keras.ops.ones((2, 5, 8)), keras.ops.ones((2, 8))
    for make, data in ((StackedDecoder, sequences), (GruStack, sequences), (RepeatedTower, vectors),
                       (functional_stack, sequences), (BidirectionalStack, sequences),
                       (BidirectionalNamed, sequences), (DistinctStack, sequences), (CopiedTower, vectors)):
        built = make()
        built(data)
        print(f"{make.__name__}: {built.count_params()} params")
