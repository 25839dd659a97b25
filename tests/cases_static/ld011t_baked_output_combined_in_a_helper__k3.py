# LD011 untracked-container: a layer's output on a concrete tensor handed, with the model's tensor, to a
# helper of the file that adds them (tests/heldout20 face-recognition ViT)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f21/measure_ld011t.py: layers made
# by each make_* whose weights are not in model.weights): helper_adds: PositionTable (40 params) outside
# the model; helper_ops_add: the Embedding (40) outside; helper_multiplies: the gate Dense (32) outside.
# Twins: helper_adds_two_model_tensors and positions_made_in_a_layer: every layer with weights is in the
# model; helper_reads_only_the_shape: the template Embedding (40) is outside, but only its shape is read.
import keras
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD011t", "a layer's output on a concrete tensor combined with the model's tensor inside a helper"
FEATURES = 8
LENGTH = 5


class PositionTable(layers.Layer):
    def __init__(self, length, width, **kwargs):
        super().__init__(**kwargs)
        self.table = self.add_weight(shape=(length, width), initializer="random_normal")

    def call(self, positions):
        return tf.gather(self.table, positions)


def add_embeddings(patch_embeddings, position_embeddings):
    return patch_embeddings + position_embeddings


def make_helper_adds():
    inputs = keras.Input((LENGTH, 3))
    patches = layers.Dense(FEATURES)(inputs)
    positions = tf.range(LENGTH)
    position_embeddings = PositionTable(LENGTH, FEATURES)(positions)
    x = add_embeddings(patches, position_embeddings)  # LD011
    return keras.Model(inputs, layers.Dense(1)(x))


def merge(tokens, extra, scale=1.0):
    return ops.add(tokens, extra) * scale


def make_helper_ops_add():
    inputs = keras.Input((LENGTH, 3))
    tokens = layers.Dense(FEATURES)(inputs)
    table = layers.Embedding(LENGTH, FEATURES)
    tokens = merge(tokens, table(ops.arange(LENGTH)), 0.5)  # LD011
    return keras.Model(inputs, tokens)


def gate(x, g):
    y = x * g
    return y


def make_helper_multiplies():
    inputs = keras.Input((3,))
    h = layers.Dense(FEATURES)(inputs)
    g = layers.Dense(FEATURES, activation="sigmoid")(tf.ones((1, 3)))
    return keras.Model(inputs, gate(h, g))  # LD011


def reshape_like(x, reference):
    """Correct: the reference is read for its shape only, nothing of it joins the graph."""
    return ops.reshape(x, (-1,) + tuple(reference.shape[1:]))


def make_helper_reads_only_the_shape():
    inputs = keras.Input((LENGTH * FEATURES,))
    x = layers.Dense(LENGTH * FEATURES)(inputs)
    template = layers.Embedding(LENGTH, FEATURES)(ops.arange(LENGTH))
    return keras.Model(inputs, layers.Reshape((LENGTH, FEATURES))(reshape_like(x, template[None])))


def make_helper_adds_two_model_tensors():
    inputs = keras.Input((LENGTH, 3))
    left = layers.Dense(FEATURES)(inputs)
    right = layers.Dense(FEATURES)(inputs)
    return keras.Model(inputs, add_embeddings(left, right))


class AddPositions(layers.Layer):
    """Correct: the positions are made inside call(), so the table is the layer's own weight."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.table = PositionTable(LENGTH, FEATURES)

    def call(self, x):
        return add_embeddings(x, self.table(ops.arange(ops.shape(x)[1])))


def make_positions_made_in_a_layer():
    inputs = keras.Input((LENGTH, 3))
    return keras.Model(inputs, AddPositions()(layers.Dense(FEATURES)(inputs)))
