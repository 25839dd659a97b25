"""MusicTransformer's `DynamicPositionEmbedding` computes the sinusoidal position table with NumPy in `__init__` and
keeps it on the layer as `self.positional_embedding = tf.constant(...)`, then adds a slice of it to the token
embeddings in `call()`. It looks like LD001 (a weight-like tensor stored on `self` instead of a variable), but it
is correct: the sinusoid encoding of Vaswani et al. is a fixed function of position and width, not a parameter;
it is not meant to be trained or counted, and rebuilding the layer gives the same table.

From jason9693/MusicTransformer-tensorflow2.0 (Music Transformer, Huang et al. 2018, for symbolic piano music
generation on MAESTRO MIDI events), `custom/layers.py` at f7c06c0 (HEAD). `sinusoid(max_seq, embedding_dim)` and
`DynamicPositionEmbedding(embedding_dim, max_seq=2048)`; the `Encoder`/`Decoder` layers of the same file create
it as `self.pos_encoding = DynamicPositionEmbedding(self.d_model, max_seq=max_len)` and call it right after the
token `Embedding` scaled by `sqrt(d_model)`.

Porting edits: `from tensorflow.python import keras` (TF's private copy of Keras, gone from TF 2.21) ->
`from tensorflow import keras`. build_model() wires the first steps of `Encoder.call` as a functional model (the
relative-attention encoder layers, which reshape with the static batch size `q.shape[0]`, are left out): event ids
(256 steps, vocabulary 388+2) -> `Embedding(390, 256)` -> `Rescaling(sqrt(256))` (was `x *= tf.math.sqrt(...)`)
-> `DynamicPositionEmbedding(256, max_seq=2048)` -> `Dropout(0.2)` -> `Dense(390)` logits (as `MusicTransformer.fc`).
"""

SOURCE = "https://github.com/jason9693/MusicTransformer-tensorflow2.0/blob/f7c06c0cb2e9cdddcbf6db779cb39cd650282778/custom/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/okcc_musictransformer_dynamicpositionembedding_sinusoid_constant_in_init.py:
as returned: Functional, count_params() = 200070, 3 weights, unbuilt: none
after call: count_params() = 200070, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pos_encoding': 0}
second call: 0 variables watched that the first call did not use
probe_mt.py: the table is (1, 2048, 256), values in [-1, 1], equal to the module's sinusoid() and identical for two fresh instances; a 100-step zero input returns table[:100] (the layer slices to the input length). No warning printed."""

import tensorflow as tf
import math as m
from tensorflow import keras
import numpy as np
import math


def sinusoid(max_seq, embedding_dim):
    return np.array([[
        [
            m.sin(
                pos * m.exp(-m.log(10000) * i / embedding_dim) * m.exp(
                    m.log(10000) / embedding_dim * (i % 2)) + 0.5 * m.pi * (i % 2)
            )
            for i in range(embedding_dim)
        ]
        for pos in range(max_seq)
    ]])


class DynamicPositionEmbedding(keras.layers.Layer):
    def __init__(self, embedding_dim, max_seq=2048, **kwargs):
        super().__init__(**kwargs)
        embed_sinusoid_list = np.array([[
            [
                m.sin(
                    pos * m.exp(-m.log(10000) * i/embedding_dim) *
                    m.exp(m.log(10000)/embedding_dim * (i % 2)) + 0.5 * m.pi * (i % 2)
                )
                for i in range(embedding_dim)
            ]
            for pos in range(max_seq)
        ]])
        self.positional_embedding = tf.constant(embed_sinusoid_list, dtype=tf.float32)

    def call(self, inputs, **kwargs):
        return tf.add(inputs, self.positional_embedding[:,:inputs.shape[1],:])


def build_model(seq_len=256, d_model=256, vocab_size=388 + 2, max_seq=2048, dropout=0.2):
    events = keras.Input(shape=(seq_len,), dtype='int32', name='midi_events')
    x = keras.layers.Embedding(vocab_size, d_model)(events)  # (batch_size, input_seq_len, d_model)
    x = keras.layers.Rescaling(math.sqrt(d_model))(x)
    x = DynamicPositionEmbedding(d_model, max_seq=max_seq, name='pos_encoding')(x)
    x = keras.layers.Dropout(dropout)(x)
    logits = keras.layers.Dense(vocab_size, activation=None, name='output')(x)
    return keras.Model(events, logits, name='music_transformer_head')
