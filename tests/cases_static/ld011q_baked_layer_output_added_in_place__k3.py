# LD011 untracked-container: a layer's output on a concrete tensor added in place (`x += ...`) while wiring
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f11b/measure.py: layers made by each
# make_* whose weights are not in model.weights): method_table_added_in_place: model 4 weights, the
# Embedding (30 params) outside the model; helper_table_subtracted: Embedding (30) outside;
# dense_gate_multiplied: the gate Dense (42) outside. Twins: positions_in_a_layer and
# constant_offset_in_place: every layer with weights is in the model. `x op= value` is the same op as
# `x = x op value`: the baked output joins the graph as a constant (tests/heldout11 CCT case).
import keras
import numpy as np
from keras import layers, ops

CASE, TITLE = "LD011q", "a layer called on a concrete tensor, its output folded in with an augmented assignment"
FEATURES = 6
LENGTH = 5


class Tokenizer(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(FEATURES)

    def call(self, x):
        return self.proj(x)

    def position_table(self, length):
        if length:
            table = layers.Embedding(input_dim=length, output_dim=FEATURES)
            return table, length
        return None


def make_method_table_added_in_place():
    inputs = keras.Input((LENGTH, 3))
    tokenizer = Tokenizer()
    encoded = tokenizer(inputs)
    if LENGTH:
        pos_embed, n = tokenizer.position_table(LENGTH)
        positions = ops.arange(start=0, stop=n, step=1)
        position_embeddings = pos_embed(positions)
        encoded += position_embeddings  # LD011
    return keras.Model(inputs, layers.Dense(1)(layers.GlobalAveragePooling1D()(encoded)))


def positional(length):
    return layers.Embedding(length, FEATURES), length


def make_helper_table_subtracted():
    inp = keras.Input((LENGTH, FEATURES))
    x = layers.Dense(FEATURES)(inp)
    emb, count = positional(LENGTH)
    x -= emb(np.arange(count))  # LD011
    return keras.Model(inp, x)


def make_dense_gate_multiplied():
    inp = keras.Input((FEATURES,))
    h = layers.Dense(FEATURES)(inp)
    gate_ids = ops.ones((1, FEATURES))
    h *= layers.Dense(FEATURES, activation="sigmoid")(gate_ids)  # LD011
    return keras.Model(inp, h)


class AddPositions(layers.Layer):
    """Correct: the range is made inside call(), so the table is the layer's own weight."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.table = layers.Embedding(LENGTH, FEATURES)

    def call(self, x):
        x += self.table(ops.arange(ops.shape(x)[1]))
        return x


def make_positions_in_a_layer():
    inputs = keras.Input((LENGTH, FEATURES))
    encoded = layers.Dense(FEATURES)(inputs)
    encoded += AddPositions()(encoded)
    return keras.Model(inputs, encoded)


def make_constant_offset_in_place():
    """Correct: a plain constant added in place has no weights to lose."""
    inputs = keras.Input((LENGTH, FEATURES))
    encoded = layers.Dense(FEATURES)(inputs)
    encoded += ops.ones((LENGTH, FEATURES)) * 0.5
    encoded *= layers.Dense(FEATURES)(encoded)
    return keras.Model(inputs, encoded)
