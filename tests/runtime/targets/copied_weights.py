"""Weights copied into tensors once: a tied output layer that keeps a transpose of ANOTHER layer's
embeddings (LD001: a weight-like tensor stored instead of a variable, held-out 11's EmbeddingDense),
a layer whose band edges are computed from its own weights in build() into new attributes (the
weights get no gradient: LD009, beside LD010's frozen copy), and a module-level keras.Variable a
helper function reads in call() (LD011). Twins read the weights in call().
test_runtime_copied_weights.py measures Keras first."""

import keras
from keras import ops

SCALE = keras.Variable(ops.ones((1,)), name="scale")


def scaled(x):
    return x * SCALE


class TiedOutput(keras.layers.Layer):
    def __init__(self, embedding, live=False):
        super().__init__()
        self.embedding = embedding if live else None
        self.kernel = None if live else ops.transpose(embedding.embeddings)

    def call(self, x):
        kernel = ops.transpose(self.embedding.embeddings) if self.embedding is not None else self.kernel
        return ops.matmul(x, kernel)


class Bands(keras.layers.Layer):
    def __init__(self, live=False, use_global=False):
        super().__init__()
        self.live, self.use_global = live, use_global

    def build(self, input_shape):
        self.low = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="low")
        self.width = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="width")
        if not self.live:
            self.low_edge = ops.abs(self.low) + 0.1
            self.high_edge = self.low_edge + ops.abs(self.width)

    def call(self, x):
        if self.live:
            low = ops.abs(self.low) + 0.1
            high = low + ops.abs(self.width)
        else:
            low, high = self.low_edge, self.high_edge
        out = x * low + high
        return scaled(out) if self.use_global else out


def _tied(live):
    inputs = keras.Input((5,), dtype="int32")
    embedding = keras.layers.Embedding(20, 6)
    x = keras.layers.GlobalAveragePooling1D()(embedding(inputs))
    model = keras.Model(inputs, TiedOutput(embedding, live=live)(x))
    return model


def tied_transpose_copy():
    return _tied(False)


def tied_live():
    return _tied(True)


def _bands(live, use_global=False):
    inputs = keras.Input((4,))
    return keras.Model(inputs, keras.layers.Dense(2)(Bands(live, use_global)(inputs)))


def bands_cached_in_build():
    return _bands(False)


def bands_live():
    return _bands(True)


def bands_live_with_a_global_variable():
    return _bands(True, use_global=True)
