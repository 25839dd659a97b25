"""Initial values a layer keeps on self and assigns into its weight in build() (fix15a's twin: a
pre-trained matrix for an Embedding subclass). The kept array holds the weight's values, so the
value-matching heuristic took it for a frozen copy (LD010) although call() never reads it.
Correct: an Embedding subclass and a plain layer that assign the kept values in build().
Buggy twin: the same layer whose call() reads the kept array instead of the weight (the weight gets no
gradient: LD010 stays). test_runtime_initial_values_kept.py measures Keras first."""

import numpy as np
import keras


class PretrainedEmbedding(keras.layers.Embedding):
    def __init__(self, matrix, **kwargs):
        super().__init__(matrix.shape[0], matrix.shape[1], trainable=False, **kwargs)
        self.matrix = matrix

    def build(self, input_shape=None):
        super().build(input_shape)
        self.embeddings.assign(self.matrix)


class StartsFrom(keras.layers.Layer):
    def __init__(self, start, **kwargs):
        super().__init__(**kwargs)
        self.start = start

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=self.start.shape, initializer="zeros")
        self.kernel.assign(self.start)

    def call(self, x):
        return x @ self.kernel


class StartsFromButReadsTheCopy(StartsFrom):
    def call(self, x):
        return x @ self.start


def _matrix(rows, cols):
    return np.random.default_rng(0).normal(size=(rows, cols)).astype("float32")


def pretrained_embedding():
    inputs = keras.Input((5,), dtype="int32")
    x = PretrainedEmbedding(_matrix(20, 8))(inputs)
    return keras.Model(inputs, keras.layers.Dense(2)(keras.layers.GlobalAveragePooling1D()(x)))


def starts_from():
    inputs = keras.Input((4,))
    return keras.Model(inputs, StartsFrom(_matrix(4, 3))(inputs))


def starts_from_but_reads_the_copy():
    inputs = keras.Input((4,))
    return keras.Model(inputs, StartsFromButReadsTheCopy(_matrix(4, 3))(inputs))
