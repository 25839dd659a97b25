"""A hand-written transformer encoder block for driver-intent prediction (gaze/lane token sequences)
that creates ONE `LayerNormalization` (`self.normalize_layer`) and applies it after both residual
additions (attention and feed-forward), next to an `EmbeddingLayer` that adds token and position
`Embedding`s (positions from `range(0, sequence_length)` inside `call()`).

From ykung83/Driver-Intent-Prediction (`models/blocks/encoder_layer.py` and
`models/blocks/embedding_layer.py`, the blocks of a well-known Keras transformer tutorial). Looks like
a missing second norm / a layer reused in two places whose weights should have been separate, and
like a position embedding evaluated on a constant range. On Keras 3 both uses of the single norm fit
(same width), so its gamma/beta are shared and counted once (LD007-style information, not an error),
and the position `Embedding` is called inside the layer's `call()` on a range built from the runtime
shape, so its table is a tracked weight that gets a gradient.

Porting edits: the author's files rely on star imports (`from tensorflow.keras.layers import *`,
`from tensorflow import shape, range`); they are spelled out with `keras` / `tf`; the blocks are wired
into a small classifier (tokens (6,) from a vocabulary of 20 -> EmbeddingLayer(6, 20, 8) ->
EncoderLayer(2 heads, 16 units, 8) -> average pooling -> Dense(5) for the five intents).
"""

SOURCE = "https://github.com/ykung83/Driver-Intent-Prediction/blob/50934eebc79a77739cb72e5f90b261ccbc7d76db/models/blocks/encoder_layer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okj_driverintent_encoder_one_layernorm_used_twice.py:
as returned: Functional, count_params() = 1117, 18 weights, unbuilt: none
after call: count_params() = 1117, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'embedding_layer': 208, 'encoder_layer': 864}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine24a/p11.py, categorical cross-entropy on two token sequences): all 18
trainable weights get a non-None gradient, including both embedding tables (the position table too)
and the single layer_normalization gamma/beta, which appear once in the weight list although the
norm is applied twice. The encoder layer holds one LayerNormalization (2 weights), by the author's
design."""

import keras
from keras.layers import Layer, Embedding, MultiHeadAttention, Dense, LayerNormalization
from keras.models import Sequential
from tensorflow import shape, range


# embedding for gaze and time step
class EmbeddingLayer(Layer):
    def __init__(self, sequence_length, input_size, embed_dim):
        super(EmbeddingLayer, self).__init__()
        self.word_embedding = Embedding(input_dim=input_size, output_dim=embed_dim)
        self.position_embedding = Embedding(input_dim=sequence_length, output_dim=embed_dim)

    def call(self, tokens):
        sequence_length = shape(tokens)[-1]
        all_positions = range(start=0, limit=sequence_length, delta=1)
        positions_encoding = self.position_embedding(all_positions)
        words_encoding = self.word_embedding(tokens)
        return positions_encoding + words_encoding


#encoder layer
class EncoderLayer(Layer):
    def __init__(self, total_heads, total_dense_units, embed_dim):
        super(EncoderLayer, self).__init__()# Multihead attention layer
        self.multihead = MultiHeadAttention(num_heads=total_heads, key_dim=embed_dim)# Feed forward network layer
        self.nnw = Sequential([Dense(total_dense_units, activation="relu"),
        Dense(embed_dim)])# Normalization
        self.normalize_layer = LayerNormalization()

    def call(self, inputs):
        attn_output = self.multihead(inputs, inputs)
        normalize_attn = self.normalize_layer(inputs + attn_output)
        nnw_output = self.nnw(normalize_attn)
        final_output = self.normalize_layer(normalize_attn + nnw_output)
        return final_output


def build_model():
    tokens = keras.Input(shape=(6,), dtype="int32")
    x = EmbeddingLayer(sequence_length=6, input_size=20, embed_dim=8)(tokens)
    x = EncoderLayer(total_heads=2, total_dense_units=16, embed_dim=8)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = Dense(5, activation="softmax")(x)
    return keras.Model(tokens, outputs)
