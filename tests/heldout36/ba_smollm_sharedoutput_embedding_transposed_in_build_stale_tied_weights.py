"""Smol-LM ties its output projection to the input Embedding by storing
`self.e_weights = tf.transpose(self.embedding_layer.weights[0])` in `SharedOutput.build()`: a tensor
snapshot of the embedding table, not a variable, so the logits never follow the trained embedding.

From andrew264/Smol-LM at commit 009d725 ("Shared Weights between Input Embedding and Output Linear
layers", 2023-08-15), a small LLaMA-style language model written in tf.keras (rotary embeddings as complex
`freqs_cis`, RMSNorm, SwiGLU FeedForward). `model/output_layer.py` adds `SharedOutput(Layer)` whose `build()`
transposes the embedding table once and keeps the result on self; `call()` multiplies by `self.e_weights`. The
author noticed the copy goes stale on loading and added `update_output_weights()` after `load_weights`; five
days later (9eb86b6, "OutputLayer: clean up") `call()` reads `self.embedding_layer.embeddings` directly (see
okba_smollm_sharedoutput_reads_embedding_in_call_tied_weights_train.py).

The transposed table is a weight-like tensor stored on self in `build()` (LD001): nothing tracks it, its values
are frozen at build time, and the embedding receives no gradient from the output projection (only from the
lookup). On Keras 3 the symptom is louder: `build()` runs inside a scratch graph, so the first call crashes
(measured below); the root defect is the same. LD010 second: a tensor derived from a variable is kept in place of the variable. Porting edits: the
files `model/{attention_layer,block,feed_forward,norm,utils,output_layer,transformer}.py` at that commit are
merged into this one file, docstrings shortened; the code is as written. `build_model()` builds the
`Transformer` layer (dim 32, 2 layers, 4 heads, vocab 50, multiple_of 16) and calls it on a (2, 8) token batch.
"""

SOURCE = "https://github.com/andrew264/Smol-LM/blob/009d725018fc37bdb6a03faa483e343519fff838/model/output_layer.py"
CODES = ("LD001", "LD010")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/ba_smollm_sharedoutput_embedding_transposed_in_build_stale_tied_weights.py:
build_model() raised TypeError: Exception encountered when calling SharedOutput.call().
full message (same first call, run directly): "The tensor <tf.Tensor 'shared_output/transpose:0' shape=(32, 50)
dtype=float32> cannot be accessed from here, because it was defined in FuncGraph(name=scratch_graph, ...), which is
out of scope." Keras 3 runs SharedOutput.build() while tracing, so the transposed table stored on self is a graph
tensor that leaks out of its graph: the first eager call crashes (on tf.keras 2 it ran, with the stale copy the
author patched with update_output_weights()). The look-alike that reads the variable in call() (okba_smollm_...)
measures 28224 params, no None gradient, the embedding getting a gradient from the output projection."""

from typing import Optional, Tuple

import numpy as np
import tensorflow as tf
from keras.layers import Embedding, Layer


def shape_list(tensor):
    if isinstance(tensor, np.ndarray):
        return list(tensor.shape)
    dynamic = tf.shape(tensor)
    if tensor.shape == tf.TensorShape(None):
        return dynamic
    static = tensor.shape.as_list()
    return [dynamic[i] if s is None else s for i, s in enumerate(static)]


class RMSNorm(tf.keras.layers.Layer):
    def __init__(self, eps=1e-6, **kwargs):
        super(RMSNorm, self).__init__(**kwargs)
        self.eps = eps

    def call(self, x, **kwargs):
        return x * tf.math.rsqrt(tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) + self.eps)


class FeedForward(tf.keras.layers.Layer):
    def __init__(self, dim: int, hidden_dim: int, multiple_of: int,
                 ffn_dim_multiplier: Optional[float] = None, **kwargs):
        super(FeedForward, self).__init__(**kwargs)
        hidden_dim = int(2 * hidden_dim / 3)
        if ffn_dim_multiplier is not None:
            hidden_dim = int(ffn_dim_multiplier * hidden_dim)
        hidden_dim = multiple_of * ((hidden_dim + multiple_of - 1) // multiple_of)

        self.w1 = tf.keras.layers.Dense(hidden_dim, use_bias=False, name='ffn1', activation=tf.nn.silu)
        self.w2 = tf.keras.layers.Dense(dim, use_bias=False, name='ffn2')
        self.w3 = tf.keras.layers.Dense(hidden_dim, use_bias=False, name='ffn3')

    def call(self, x, **kwargs):
        return self.w2(self.w1(x) * self.w3(x))


class Attention(tf.keras.layers.Layer):
    def __init__(self, n_heads: int, dim: int, max_batch_size: int, max_seq_len: int, **kwargs):
        super(Attention, self).__init__(**kwargs)
        self.dim = dim
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.max_batch_size = max_batch_size
        self.max_seq_len = max_seq_len

        self.query = tf.keras.layers.Dense(dim, use_bias=False, name='query_dense')
        self.key = tf.keras.layers.Dense(dim, use_bias=False, name='key_dense')
        self.value = tf.keras.layers.Dense(dim, use_bias=False, name='value_dense')
        self.combine_heads = tf.keras.layers.Dense(dim, use_bias=False, name='combine_heads')

        self._softmax = tf.keras.layers.Softmax(axis=-1)

    @staticmethod
    def repeat_kv(x: tf.Tensor, n_rep: int = 1) -> tf.Tensor:
        if n_rep == 1:
            return x
        bs, slen, n_kv_heads, head_dim = shape_list(x)
        return tf.reshape(
            tf.tile(tf.expand_dims(x, axis=3), multiples=[1, 1, 1, n_rep, 1]),
            shape=[bs, slen, n_kv_heads * n_rep, head_dim]
        )

    @staticmethod
    def reshape_for_broadcast(freqs_cis: tf.Tensor, x: tf.Tensor) -> tf.Tensor:
        ndim = x.ndim
        assert 0 <= 1 < ndim
        assert freqs_cis.shape == (x.shape[1], x.shape[-1])
        shape = [d if i == 1 or i == ndim - 1 else 1 for i, d in enumerate(x.shape)]
        return tf.reshape(freqs_cis, shape, name='freqs_cis_reshaped')

    def apply_rotary_emb(self, xq, xk, freqs_cis) -> Tuple[tf.Tensor, tf.Tensor]:
        with tf.name_scope('apply_rotary_emb'):
            dtype = xq.dtype
            xq = tf.cast(xq, dtype=tf.float32, name='xq_cast')
            xk = tf.cast(xk, dtype=tf.float32, name='xk_cast')

            xq_complex = tf.complex(xq[..., ::2], xq[..., 1::2], name='xq_complex')
            xk_complex = tf.complex(xk[..., ::2], xk[..., 1::2], name='xk_complex')

            freqs_cis = self.reshape_for_broadcast(freqs_cis, xq_complex)

            xq_out = xq_complex * freqs_cis
            xk_out = xk_complex * freqs_cis

            xq_out = tf.stack([tf.math.real(xq_out), tf.math.imag(xq_out)], axis=-1)
            xk_out = tf.stack([tf.math.real(xk_out), tf.math.imag(xk_out)], axis=-1)

            xk_out = tf.reshape(xk_out, shape=xk.shape)
            xq_out = tf.reshape(xq_out, shape=xq.shape)

            return tf.cast(xq_out, dtype=dtype, name='xq_out_cast'), tf.cast(xk_out, dtype=dtype, name='xk_out_cast')

    def scaled_dot_product_attention(self, q, k, v, mask=None):
        with tf.name_scope('scaled_dot_product_attention'):
            scale = 1 / shape_list(q)[-1] ** 0.5
            q = tf.multiply(q, scale, name='q_scaled')
            attn = tf.matmul(q, k, transpose_b=True, )
            attn = self._softmax(inputs=attn, mask=mask,)
            out = tf.matmul(attn, v, name='attention_output')
            return tf.transpose(out, perm=[0, 2, 1, 3], name='attention_output_transposed')

    def call(self, x, freqs_cis, mask=None, **kwargs):
        batch_size, seq_len, _ = shape_list(x)

        xq, xk, xv = self.query(x), self.key(x), self.value(x)

        xq = tf.reshape(xq, [batch_size, seq_len, self.n_heads, self.head_dim])
        xk = tf.reshape(xk, [batch_size, seq_len, self.n_heads, self.head_dim])
        xv = tf.reshape(xv, [batch_size, seq_len, self.n_heads, self.head_dim])
        xq, xk = self.apply_rotary_emb(xq, xk, freqs_cis)

        xk = self.repeat_kv(xk, 1)
        xv = self.repeat_kv(xv, 1)

        xq = tf.transpose(xq, perm=[0, 2, 1, 3], name='query_transpose')
        xk = tf.transpose(xk, perm=[0, 2, 1, 3], name='key_transpose')
        xv = tf.transpose(xv, perm=[0, 2, 1, 3], name='value_transpose')

        output = self.scaled_dot_product_attention(xq, xk, xv, mask)
        output = tf.reshape(output, [batch_size, seq_len, -1], name='output_reshape')
        output = self.combine_heads(output)
        return output


class TransformerBlock(tf.keras.layers.Layer):
    def __init__(self, dim: int, n_heads: int, hidden_dim: Optional[int],
                 max_batch_size: int, max_seq_len: int,
                 multiple_of: int, ffn_dim_multiplier: Optional[float], norm_eps: float, **kwargs):
        super(TransformerBlock, self).__init__(**kwargs)
        self.dim = dim
        self.n_heads = n_heads
        self.multiple_of = multiple_of
        self.ffn_dim_multiplier = ffn_dim_multiplier
        self.norm_eps = norm_eps

        self.head_dim = dim // n_heads
        self.hidden_dim = hidden_dim if hidden_dim is not None else 4 * dim

        self.attention = Attention(n_heads=n_heads, dim=dim,
                                   max_batch_size=max_batch_size, max_seq_len=max_seq_len, name='attention')

        self.feed_forward = FeedForward(dim=dim, hidden_dim=4 * dim,
                                        multiple_of=multiple_of, ffn_dim_multiplier=ffn_dim_multiplier, name='ffn')
        self.norm = RMSNorm(eps=norm_eps, name='rms_norm')

    def call(self, x, freqs_cis, mask, **kwargs):
        h = x + self.attention(x=self.norm(x), freqs_cis=freqs_cis, mask=mask)
        out = h + self.feed_forward(self.norm(h))
        return out


class SharedOutput(Layer):
    """
    This is a custom output layer that shares its weights with an embedding layer.
    """
    def __init__(self, embedding_layer: Embedding, activation: str = None, **kwargs):
        super().__init__(**kwargs)
        self.embedding_layer = embedding_layer
        self.activation = tf.keras.activations.get(activation)

    def build(self, input_shape):
        self.e_weights = tf.transpose(self.embedding_layer.weights[0])
        self.built = True

    def update_weights(self, embedding: Embedding):
        self.embedding_layer = embedding
        self.e_weights = tf.transpose(self.embedding_layer.weights[0])

    def compute_output_shape(self, input_shape):
        return input_shape[0], tf.shape(self.embedding_layer.weights[0])[0]

    def call(self, inputs, *args, **kwargs):
        inputs = tf.cast(inputs, dtype=tf.float32)
        output = tf.matmul(inputs, self.e_weights)
        if self.activation is not None:
            output = self.activation(output)
        return output


@tf.function
def precompute_freqs_cis(dim: int, end: int, theta: float = 10000.0) -> tf.Tensor:
    freqs = 1.0 / (theta ** (tf.range(0, dim, 2, dtype=tf.float32) / dim))
    t = tf.range(end, dtype=tf.float32)
    freqs = tf.matmul(tf.expand_dims(t, -1), tf.expand_dims(freqs, 0))
    freqs_cis = tf.exp(tf.complex(tf.zeros_like(freqs), freqs))
    return freqs_cis


class Transformer(tf.keras.layers.Layer):
    def __init__(self, dim: int, n_layers: int, n_heads: int, hidden_dim: Optional[int],
                 vocab_size: int, max_seq_len: int, max_batch_size: int,
                 multiple_of: int, ffn_dim_multiplier: Optional[float],
                 norm_eps: float, **kwargs):
        super(Transformer, self).__init__(**kwargs, name="transformer")
        self.dim = dim
        self.n_layers = n_layers
        self.n_heads = n_heads
        self.vocab_size = vocab_size
        self.max_seq_len = max_seq_len
        self.hidden_dim = hidden_dim

        self.token_emb = tf.keras.layers.Embedding(input_dim=vocab_size, output_dim=dim)
        self.layers = [
            TransformerBlock(dim=dim, n_heads=n_heads, hidden_dim=hidden_dim, multiple_of=multiple_of,
                             max_batch_size=max_batch_size, max_seq_len=max_seq_len,
                             ffn_dim_multiplier=ffn_dim_multiplier, norm_eps=norm_eps, name=f"tf_block_{i}")
            for i in range(n_layers)
        ]
        self.norm = RMSNorm(eps=norm_eps, name='final_norm')
        self.output_layer = SharedOutput(embedding_layer=self.token_emb)
        self.freqs_cis = precompute_freqs_cis(dim=dim // n_heads, end=max_seq_len * 2)

    @staticmethod
    def create_mask(seq_len: int) -> tf.Tensor:
        return tf.linalg.band_part(
            tf.ones((1, 1, seq_len, seq_len), dtype=tf.bool), -1, 0,
            name="mask"
        )

    def update_output_weights(self):
        self.output_layer.update_weights(self.token_emb)

    def call(self, tokens: tf.Tensor, **kwargs):
        shape = shape_list(tokens)
        if len(shape) == 1:
            tokens = tf.expand_dims(tokens, 0)
        seq_len = shape_list(tokens)[1]

        h = self.token_emb(tokens)
        freqs_cis = self.freqs_cis[:seq_len]
        mask = self.create_mask(seq_len=seq_len)

        for layer in self.layers:
            h = layer(x=h, freqs_cis=freqs_cis, mask=mask)
        h = self.norm(h)
        output = self.output_layer(h)
        return output


def build_model():
    transformer = Transformer(dim=32, n_layers=2, n_heads=4, hidden_dim=None, vocab_size=50, max_seq_len=16,
                              max_batch_size=2, multiple_of=16, ffn_dim_multiplier=None, norm_eps=1e-5)
    tokens = np.random.default_rng(0).integers(1, 50, size=(2, 8)).astype("int32")
    transformer(tokens)
    return transformer, tokens
