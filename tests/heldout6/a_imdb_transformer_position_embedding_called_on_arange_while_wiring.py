"""An IMDB transformer classifier wires its position Embedding on a concrete `arange` while building the functional graph: the position table never becomes part of the model.

The script builds a one-block transformer with the functional API, all at module level:
`positions = keras.backend.arange(0, maxlen)` (a concrete tensor, not an `Input`), then
`Embedding(maxlen, embed_dim)(positions)` and `Add()([token_embeddings,
position_embeddings[numpy.newaxis, ::]])`. Because the Embedding is called on a concrete tensor,
Keras runs it eagerly right there: it returns a concrete `(maxlen, embed_dim)` array, which the
`Add` node then holds as a constant. The Embedding is not a node of the model, its table is not
in `model.weights`, `summary()` or the saved file, and training never updates it: the "learned"
positions stay at their random initial values. On Keras 3 `keras.backend.arange` is gone; the
port uses `keras.ops.arange`, which behaves the same way (concrete, outside the graph).
"""

SOURCE = "https://github.com/NeTetiana/Recognition_worlds/blob/main/program.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py a_imdb_transformer_position_embedding_called_on_arange_while_wiring.py:
as returned: Functional, count_params() = 2846433, 21 weights, unbuilt: none
after call: count_params() = 2846433, 21 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 21 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python: Embedding layers in model.layers): ['embedding'] (the token table only); 2,846,433 = every weight but the 200x32 position table (6,400)"""

import numpy
import keras

maxlen = 200  # number of first words taken from each review
embed_dim = 32  # Embedding size for every word
transformer_layers = 1  # number of transformer blocks
vocab_size = 88584  # len(keras.datasets.imdb.get_word_index()); not downloaded here


def build_model():
    inputs = keras.layers.Input(shape=(maxlen,))
    # Embedding layer and positional encoding
    positions = keras.ops.arange(start=0, stop=maxlen, step=1)  # was keras.backend.arange
    token_embeddings = keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)(inputs)
    position_embeddings = keras.layers.Embedding(input_dim=maxlen, output_dim=embed_dim)(positions)
    embedding_layer = keras.layers.Add()([token_embeddings, position_embeddings[numpy.newaxis, ::]])
    # transformer blocks
    for _ in range(transformer_layers):
        attn_output = keras.layers.MultiHeadAttention(num_heads=2, key_dim=embed_dim)(embedding_layer, embedding_layer)
        merge = keras.layers.Add()([attn_output, embedding_layer])
        out1 = keras.layers.LayerNormalization(epsilon=1e-6)(merge)
        x = keras.layers.Dense(units=embed_dim, activation="relu")(out1)
        ffn_output = keras.layers.Dense(units=embed_dim)(x)
        merge = keras.layers.Add()([ffn_output, out1])
        embedding_layer = keras.layers.LayerNormalization(epsilon=1e-6)(merge)
    x = keras.layers.GlobalAveragePooling1D()(embedding_layer)
    x = keras.layers.Dense(units=embed_dim, activation="relu")(x)
    outputs = keras.layers.Dense(units=1, activation="sigmoid")(x)
    transformer = keras.Model(inputs=inputs, outputs=outputs)
    transformer.compile(optimizer="Adam", loss="binary_crossentropy", metrics=["accuracy"])
    return transformer
