"""Géron's Hands-On ML 2 (ch. 16): `PositionalEncoding` stores its sine/cosine table as a `tf.constant` on
self, and one instance (like one `Embedding`) serves both the encoder and the decoder; on Keras 3 this is
correct: the table is meant to be fixed and the shared layers are counted once and trained.

From ageron/handson-ml2, `16_nlp_with_rnns_and_attention.ipynb` ("Positional Encoding" and the "(very)
simplified Transformer" cells): `PositionalEncoding(max_steps, max_dims, dtype=tf.float32)` calls
`super().__init__(dtype=dtype)`, builds the (1, max_steps, max_dims) table with NumPy and keeps it as
`self.positional_embedding = tf.constant(pos_emb.astype(self.dtype))`; `call` adds the slice matching the
input's length and width. The model embeds `encoder_inputs` and `decoder_inputs` with one
`Embedding(vocab_size, 512)`, passes both through one `PositionalEncoding(500, max_dims=512)`, stacks six
self-attention `Attention(use_scale=True)` layers on the encoder side, six causal self-attention plus
encoder-decoder attention pairs on the decoder side, and ends with `TimeDistributed(Dense(vocab_size,
softmax))`.

Why it looks buggy: a tensor built from NumPy stored on self in `__init__` (LD001's pattern), and two layer
instances each called on two inputs (LD007; LD008 if the shapes differed). The table is a constant by design
(a sinusoidal encoding, nothing to learn), and the shared layers see inputs of the same width. Measured: 0
params in PositionalEncoding, Embedding counted once, every trainable weight gets a gradient.

Porting edits: Keras 3's `Attention` has no `causal` constructor argument; `Attention(use_scale=True,
causal=True)([Z, Z])` becomes `Attention(use_scale=True)([Z, Z], use_causal_mask=True)`. `build_model()`
wires the notebook's functional model with its sizes (embed 512, vocab 10000, max_steps 500).
"""

SOURCE = "https://github.com/ageron/handson-ml2/blob/1e2115277b50f6c584cd668fa30e3af309a5b136/16_nlp_with_rnns_and_attention.ipynb"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/okax_handsonml2_positionalencoding_tf_constant_shared_by_encoder_decoder.py:
as returned: Functional, count_params() = 10250018, 21 weights, unbuilt: none
after call: count_params() = 10250018, 21 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 21 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_encoding': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class PositionalEncoding(keras.layers.Layer):
    def __init__(self, max_steps, max_dims, dtype=tf.float32, **kwargs):
        super().__init__(dtype=dtype, **kwargs)
        if max_dims % 2 == 1: max_dims += 1 # max_dims must be even
        p, i = np.meshgrid(np.arange(max_steps), np.arange(max_dims // 2))
        pos_emb = np.empty((1, max_steps, max_dims))
        pos_emb[0, :, ::2] = np.sin(p / 10000**(2 * i / max_dims)).T
        pos_emb[0, :, 1::2] = np.cos(p / 10000**(2 * i / max_dims)).T
        self.positional_embedding = tf.constant(pos_emb.astype(self.dtype))
    def call(self, inputs):
        shape = tf.shape(inputs)
        return inputs + self.positional_embedding[:, :shape[-2], :shape[-1]]


def build_model():
    embed_size = 512; max_steps = 500; vocab_size = 10000
    encoder_inputs = keras.layers.Input(shape=[None], dtype=np.int32)
    decoder_inputs = keras.layers.Input(shape=[None], dtype=np.int32)
    embeddings = keras.layers.Embedding(vocab_size, embed_size)
    encoder_embeddings = embeddings(encoder_inputs)
    decoder_embeddings = embeddings(decoder_inputs)
    positional_encoding = PositionalEncoding(max_steps, max_dims=embed_size)
    encoder_in = positional_encoding(encoder_embeddings)
    decoder_in = positional_encoding(decoder_embeddings)

    Z = encoder_in
    for N in range(6):
        Z = keras.layers.Attention(use_scale=True)([Z, Z])

    encoder_outputs = Z
    Z = decoder_in
    for N in range(6):
        Z = keras.layers.Attention(use_scale=True)([Z, Z], use_causal_mask=True)
        Z = keras.layers.Attention(use_scale=True)([Z, encoder_outputs])

    outputs = keras.layers.TimeDistributed(
        keras.layers.Dense(vocab_size, activation="softmax"))(Z)
    return keras.models.Model(inputs=[encoder_inputs, decoder_inputs], outputs=[outputs])
