# LD011 untracked-container: a layer returned by a helper or method, called on a concrete tensor while wiring
import keras
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD011h", "a position table returned by a method or a helper, looked up on a range while wiring"


class Tokenizer(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv1D(8, 3, padding="same")

    def call(self, x):
        return self.conv(x)

    def positional_embedding(self, length):
        return layers.Embedding(input_dim=length, output_dim=8), length


def position_table(length, width):
    return layers.Embedding(length, width)


def method_made_table(length=6):
    inputs = keras.Input((length, 4))
    tokenizer = Tokenizer()
    tokens = tokenizer(inputs)
    pos_embed, seq_length = tokenizer.positional_embedding(length)
    positions = ops.arange(0, seq_length)
    tokens = tokens + pos_embed(positions)  # LD011: the Embedding runs once, on a constant
    return keras.Model(inputs, tokens)


def helper_made_table(length=6):
    inputs = keras.Input((length, 8))
    table = position_table(length, 8)
    out = layers.Add()([inputs, table(tf.range(length))])  # LD011: a constant in the graph
    return keras.Model(inputs, out)


class AddPositions(layers.Layer):
    """Correct: the table is looked up inside call(), so it is tracked and trained."""

    def __init__(self, length, **kwargs):
        super().__init__(**kwargs)
        self.table = position_table(length, 8)

    def call(self, x):
        return x + self.table(ops.arange(ops.shape(x)[1]))


def positions_inside_a_layer(length=6):
    inputs = keras.Input((length, 8))
    return keras.Model(inputs, AddPositions(length)(inputs))


def positions_as_an_input(length=6):
    """Correct: the positions are a model input, so the table's lookup is part of the graph."""
    inputs = keras.Input((length, 8))
    positions = keras.Input((length,), dtype="int32")
    table = position_table(length, 8)
    return keras.Model([inputs, positions], inputs + table(positions))
