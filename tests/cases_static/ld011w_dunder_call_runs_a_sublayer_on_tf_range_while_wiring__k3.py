# LD011 untracked-container: a layer overriding __call__ runs a sublayer on tf.range() while a functional model is wired
import keras
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD011w", "__call__ overridden: a position Embedding run on tf.range() is baked into the functional model"
# Measured on Keras 3.15.1 + TF 2.21 (a probe wiring each with build() below): with PosEmbedding the model has
# 1 weight, the token table (120 parameters): the position table is not in model.weights; with PosEmbeddingLayer
# it has both tables (2 weights, 152 parameters).


class PosEmbedding(layers.Layer):
    def __init__(self, vocab, length, dim, **kwargs):
        super().__init__(**kwargs)
        self.length = length
        self.tokens = layers.Embedding(vocab, dim)
        self.positions = layers.Embedding(length, dim)

    def __call__(self, ids):
        return self.tokens(ids) + self.positions(tf.range(self.length))  # LD011


class PosEmbeddingLayer(layers.Layer):
    """Correct: the same sum in call(): Keras traces the layer, and both tables are its weights."""

    def __init__(self, vocab, length, dim, **kwargs):
        super().__init__(**kwargs)
        self.length = length
        self.tokens = layers.Embedding(vocab, dim)
        self.positions = layers.Embedding(length, dim)

    def call(self, ids):
        return self.tokens(ids) + self.positions(tf.range(self.length))


def build(layer_class):
    ids = keras.Input((8,), dtype="int32")
    return keras.Model(ids, layer_class(30, 8, 4)(ids))
