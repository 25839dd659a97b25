# LD011 untracked-container: a layer called on a concrete tensor while wiring a functional model
import numpy as np
import tensorflow as tf
from tensorflow import keras

CASE, TITLE = "LD011f", "position or label embeddings computed once, on a constant, while wiring"
INPUTS = [(5, 4)]


def make_functional():
    inp = keras.Input((5, 4))
    x = keras.layers.Dense(4)(inp)
    positions = tf.range(5)
    position_vectors = keras.layers.Embedding(5, 4)(positions)
    x = x + position_vectors  # LD011
    return keras.Model(inp, x)


def label_scores(n_labels=3):
    inp = keras.Input((5, 4))
    h = keras.layers.GlobalAveragePooling1D()(inp)
    label_table = keras.layers.Embedding(n_labels, 4)(tf.constant(list(range(n_labels))))
    scores = tf.matmul(h, label_table, transpose_b=True)  # LD011
    return keras.Model(inp, scores)


# Correct look-alikes: positions computed from the input itself, or inside a layer's call().
def positions_from_the_input():
    inp = keras.Input((5,), dtype="int32")
    positions = tf.cumsum(tf.ones_like(inp), axis=1)
    x = keras.layers.Embedding(50, 4)(inp) + keras.layers.Embedding(6, 4)(positions)
    return keras.Model(inp, x)


class AddPositions(keras.layers.Layer):
    def __init__(self, length, width, **kwargs):
        super().__init__(**kwargs)
        self.table = keras.layers.Embedding(length, width)

    def call(self, x):
        return x + self.table(tf.range(tf.shape(x)[1]))
