"""Miniature-GPT transformer block that builds its causal mask, and the positions, as tensors inside call().

In the keras.io miniature GPT example `TransformerBlock.call()` computes
`causal_attention_mask(batch_size, seq_len, seq_len, "bool")` from `ops.arange` on every call, and
`TokenAndPositionEmbedding.call()` makes `ops.arange(0, maxlen)`. Tensors created in `call()` look like
new state on every call, but they are stateless per-call values; the weights live in tracked sublayers. (The example's
`ops.tile(mask, mult)` with a tensor `mult` fails to trace on the TF backend, so the mask is broadcast.)
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/generative/text_generation_with_miniature_gpt.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
functional model Input((6,), int32) -> TokenAndPositionEmbedding -> TransformerBlock -> Dense(vocab):
count_params() == 1,268; all 20 trainable weights get non-None gradients; two inference calls give
identical outputs (the mask is deterministic); one fit step runs; no warning."""

import keras
from keras import layers, ops


def causal_attention_mask(batch_size, n_dest, n_src, dtype):
    i = ops.arange(n_dest)[:, None]
    j = ops.arange(n_src)
    m = i >= j - n_src + n_dest
    mask = ops.cast(m, dtype)
    mask = ops.reshape(mask, [1, n_dest, n_src])
    return ops.broadcast_to(mask, (batch_size, n_dest, n_src))


class TransformerBlock(layers.Layer):
    def __init__(self, embed_dim, num_heads, ff_dim, rate=0.1):
        super().__init__()
        self.att = layers.MultiHeadAttention(num_heads, embed_dim)
        self.ffn = keras.Sequential([layers.Dense(ff_dim, activation="relu"), layers.Dense(embed_dim)])
        self.layernorm1 = layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = layers.LayerNormalization(epsilon=1e-6)
        self.dropout1 = layers.Dropout(rate)
        self.dropout2 = layers.Dropout(rate)

    def call(self, inputs):
        input_shape = ops.shape(inputs)
        batch_size, seq_len = input_shape[0], input_shape[1]
        causal_mask = causal_attention_mask(batch_size, seq_len, seq_len, "bool")
        attention_output = self.dropout1(self.att(inputs, inputs, attention_mask=causal_mask))
        out1 = self.layernorm1(inputs + attention_output)
        ffn_output = self.dropout2(self.ffn(out1))
        return self.layernorm2(out1 + ffn_output)


class TokenAndPositionEmbedding(layers.Layer):
    def __init__(self, maxlen, vocab_size, embed_dim):
        super().__init__()
        self.token_emb = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.pos_emb = layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

    def call(self, x):
        maxlen = ops.shape(x)[-1]
        positions = self.pos_emb(ops.arange(0, maxlen, 1))
        return self.token_emb(x) + positions


def build_model(maxlen=6, vocab_size=20, embed_dim=8):
    inputs = layers.Input(shape=(maxlen,), dtype="int32")
    x = TokenAndPositionEmbedding(maxlen, vocab_size, embed_dim)(inputs)
    x = TransformerBlock(embed_dim, num_heads=2, ff_dim=16)(x)
    outputs = layers.Dense(vocab_size)(x)
    return keras.Model(inputs=inputs, outputs=outputs)
