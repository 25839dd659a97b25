# LD005 unbuilt-sublayer: a layer kept on self whose only use is to be handed to Bidirectional, which copies it
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix18a/measure_y.py on this file): each
# class is called once on data (batch 2, 5 steps, 4 features), then its attributes' `built` and weights read.
# `Bidirectional(layer)` makes its forward layer (and, without `backward_layer=`, its backward layer) anew
# from `layer`'s config (bidirectional.py: serialize then deserialize), cells of an RNN included; the layer
# handed in is never called. Buggy: SumEncoder.gru (GRU) built False, 0 weights, while the model has its
# copies' 6; KeywordTagger.fw (LSTM, given as `layer=` to an aliased Bidirectional) built False;
# CellBiRNN.cell (GRUCell inside an inline RNN) built False; StackedBi.c_a, .c_b (LSTMCells) and .stack
# (the RNN over their StackedRNNCells) all built False.
# Twins: InlineBi (Bidirectional(LSTM(...)) inline): built, 6 weights; BothPaths (call() runs self.gru too):
# gru built, 3 weights; PlainCellRNN (a cell given to RNN, no Bidirectional: RNN uses the cell itself,
# `rnn.cell is cell`): cell built, 3 weights; OwnBackward (an attribute given as `backward_layer=`, kept as
# is): back built, 3 weights; PerStep (TimeDistributed keeps the very layer: `layer is dense`): built.
import keras
from keras import layers
from keras.layers import Bidirectional as BiDir

CASE, TITLE = "LD005y", "a layer kept on self that is only handed to Bidirectional"


class SumEncoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gru = layers.GRU(8, return_sequences=True)  # LD005
        self.encoder = layers.Bidirectional(self.gru, merge_mode="sum")
        self.head = layers.Dense(2)

    def call(self, x):
        return self.head(self.encoder(x))


class KeywordTagger(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.fw = layers.LSTM(units, return_sequences=True)  # LD005
        self.bi = BiDir(layer=self.fw)

    def call(self, x):
        return self.bi(x)


class CellBiRNN(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.cell = layers.GRUCell(4)  # LD005
        self.birnn = layers.Bidirectional(layers.RNN(self.cell, return_sequences=True))

    def call(self, x):
        return self.birnn(x)


class StackedBi(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.c_a = layers.LSTMCell(4)  # LD005
        self.c_b = layers.LSTMCell(4)  # LD005
        self.stack = layers.RNN(layers.StackedRNNCells([self.c_a, self.c_b]))  # LD005
        self.wrapped = layers.Bidirectional(self.stack)

    def call(self, x):
        return self.wrapped(x)


class InlineBi(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.bi = layers.Bidirectional(layers.LSTM(4, return_sequences=True))

    def call(self, x):
        return self.bi(x)


class BothPaths(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gru = layers.GRU(4, return_sequences=True)
        self.bi = layers.Bidirectional(self.gru, merge_mode="sum")

    def call(self, x):
        return self.bi(x) + self.gru(x)


class PlainCellRNN(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.cell = layers.LSTMCell(4)
        self.rnn = layers.RNN(self.cell)

    def call(self, x):
        return self.rnn(x)


class OwnBackward(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.back = layers.LSTM(4, go_backwards=True, return_sequences=True)
        self.bi = layers.Bidirectional(layers.LSTM(4, return_sequences=True), backward_layer=self.back)

    def call(self, x):
        return self.bi(x)


class PerStep(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(3)
        self.per_step = layers.TimeDistributed(self.dense)

    def call(self, x):
        return self.per_step(x)
