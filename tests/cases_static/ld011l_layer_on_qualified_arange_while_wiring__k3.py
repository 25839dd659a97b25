# LD011 untracked-container: a layer called while wiring on a range made with a fully qualified name (keras.ops.arange, keras.ops.ones)
import keras
import numpy

CASE, TITLE = "LD011l", "position embeddings of keras.ops.arange / keras.ops.ones computed once at wiring time"
FEATURES = 6
LENGTH = 5


def make_ops_positions():
    inputs = keras.Input((LENGTH,))
    positions = keras.ops.arange(start=0, stop=LENGTH, step=1)
    tokens = keras.layers.Embedding(20, FEATURES)(inputs)
    table = keras.layers.Embedding(LENGTH, FEATURES)(positions)
    summed = keras.layers.Add()([tokens, table[numpy.newaxis, ::]])  # LD011
    return keras.Model(inputs, keras.layers.Dense(1)(keras.layers.GlobalAveragePooling1D()(summed)))


def make_ops_ones_prompt():
    inputs = keras.Input((FEATURES,))
    prompt_ids = keras.ops.ones((1, FEATURES))
    prompt = keras.layers.Dense(FEATURES)(prompt_ids)
    return keras.Model(inputs, keras.layers.Add()([inputs, prompt]))  # LD011


class PositionEmbedding(keras.layers.Layer):
    """Correct: the range is made inside call(), so the table is the layer's weight."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.table = keras.layers.Embedding(LENGTH, FEATURES)

    def call(self, tokens):
        positions = keras.ops.arange(start=0, stop=keras.ops.shape(tokens)[1], step=1)
        return tokens + self.table(positions)


def make_layer_positions():
    inputs = keras.Input((LENGTH,))
    tokens = keras.layers.Embedding(20, FEATURES)(inputs)
    summed = PositionEmbedding()(tokens)
    return keras.Model(inputs, keras.layers.Dense(1)(keras.layers.GlobalAveragePooling1D()(summed)))


def make_positions_as_input():
    """Correct: the positions are a second Input, fed with keras.ops.arange data at fit time."""
    inputs = keras.Input((LENGTH,))
    position_ids = keras.Input((LENGTH,), dtype="int32")
    tokens = keras.layers.Embedding(20, FEATURES)(inputs)
    summed = tokens + keras.layers.Embedding(LENGTH, FEATURES)(position_ids)
    return keras.Model([inputs, position_ids], keras.layers.Dense(1)(keras.layers.GlobalAveragePooling1D()(summed)))
