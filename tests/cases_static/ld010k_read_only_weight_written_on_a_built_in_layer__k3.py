# LD010 variable-shadowed: a read-only weight property (`kernel`, `embeddings`) written on a built-in layer instance
# Measured on Keras 3.15.1 + TF 2.21 (each make_* built and called under a GradientTape): make_tied_head, make_head_builder,
# make_pretrained_lookup and make_einsum_projection raise AttributeError ("property 'kernel' of 'Dense' / 'Conv2D' /
# 'EinsumDense' object has no setter", "property 'embeddings' of 'Embedding' object has no setter"): on Keras 3 `kernel`
# is a read-only property of Dense, EinsumDense and Conv1D/2D/3D and `embeddings` of Embedding and ReversibleEmbedding
# (measured over keras.layers: no other built-in weight attribute is a property without a setter), so ANY value written
# there raises, a variable as well as a tensor. The twins run and every trainable weight gets a gradient: the value
# assigned into the built Dense's variable, a custom layer's plain `kernel` attribute holding the embedding variable
# itself, and a setting (`kernel_regularizer`) written on a Dense. Before this family lint missed every marked line.
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops
from keras.layers import Embedding as Lookup

CASE, TITLE = "LD010k", "`head.kernel = ops.transpose(emb.weights[0])` on a built-in Dense made in the same code"
VOCAB, DIM = 20, 8


def make_tied_head():
    """Functional code: the softmax head 'tied' to the embedding by writing its kernel from outside."""
    tokens = keras.Input((5,), dtype="int32")
    emb = layers.Embedding(VOCAB, DIM)
    x = layers.GlobalAveragePooling1D()(emb(tokens))
    head = layers.Dense(VOCAB, activation="softmax")
    head.kernel = ops.transpose(emb.weights[0])  # LD010
    return keras.Model(tokens, head(x))


class HeadBuilder:
    """A plain helper class: the Conv2D made in __init__, a fresh variable written over its kernel later."""

    def __init__(self):
        self.conv = tf.keras.layers.Conv2D(4, 3, padding="same")

    def tie(self, shape):
        self.conv.kernel = tf.Variable(tf.zeros(shape))  # LD010
        return self.conv


def make_head_builder():
    conv = HeadBuilder().tie((3, 3, 2, 4))
    inputs = keras.Input((6, 6, 2))
    return keras.Model(inputs, conv(inputs))


class PretrainedLookup(layers.Layer):
    """A layer class holding an aliased Embedding; build() writes a numpy table over its embeddings."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lookup = Lookup(VOCAB, DIM)

    def build(self, input_shape):
        self.lookup.embeddings = np.ones((VOCAB, DIM), "float32")  # LD010

    def call(self, inputs):
        return self.lookup(inputs)


def make_pretrained_lookup():
    tokens = keras.Input((5,), dtype="int32")
    return keras.Model(tokens, PretrainedLookup()(tokens))


def make_einsum_projection():
    """The write in a nested helper function, on an EinsumDense bound in the enclosing function."""
    proj = layers.EinsumDense("ab,bc->ac", output_shape=DIM)

    def load(table):
        proj.kernel = table  # LD010

    load(np.zeros((DIM, DIM), "float32"))
    inputs = keras.Input((DIM,))
    return keras.Model(inputs, proj(inputs))


def make_assigned_head():
    """Correct: the head is built and the embedding's values are assigned into its own variable."""
    tokens = keras.Input((5,), dtype="int32")
    emb = layers.Embedding(VOCAB, DIM)
    x = layers.GlobalAveragePooling1D()(emb(tokens))
    head = layers.Dense(VOCAB, activation="softmax")
    head.build((None, DIM))
    head.kernel.assign(ops.transpose(emb.embeddings))
    return keras.Model(tokens, head(x))


class TiedSoftmax(layers.Layer):
    """A custom layer with a plain `kernel` attribute: sharing the embedding variable there is fine."""

    def call(self, inputs):
        return ops.softmax(ops.matmul(inputs, ops.transpose(self.kernel)))


def make_custom_tied_head():
    """Correct: `kernel` is a plain attribute of this custom layer; it holds the embedding variable itself."""
    tokens = keras.Input((5,), dtype="int32")
    emb = layers.Embedding(VOCAB, DIM)
    x = layers.GlobalAveragePooling1D()(emb(tokens))
    emb.build((None, 5))
    head = TiedSoftmax()
    head.kernel = emb.embeddings
    return keras.Model(tokens, head(x))


def make_regularized_head():
    """Correct: a setting, not a weight, written on the built-in Dense from outside."""
    inputs = keras.Input((DIM,))
    head = layers.Dense(VOCAB)
    head.kernel_regularizer = keras.regularizers.L2(1e-4)
    return keras.Model(inputs, head(inputs))
