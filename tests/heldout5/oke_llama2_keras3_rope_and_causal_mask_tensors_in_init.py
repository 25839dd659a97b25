"""Correct: a multi-backend Keras 3 port of llama2.c keeps its RoPE tables and causal mask as plain tensors made in `__init__`.

The port builds `LLaMATransformer`, `TransformerBlock`, `Attention` and `FeedForward` as nested
`keras.Model` subclasses. `Attention.__init__` stores `ops.triu(ops.full(..., -inf), k=1)` on
`self.mask`, `LLaMATransformer.__init__` stores `precompute_freqs_cis(...)` (cos/sin tables built
with `keras.ops`) on `self.freqs_cos` / `self.freqs_sin`, the blocks live in a Python list, and each
`build()` builds its sublayers by hand and ends with `self.built = True` instead of
`super().build()`. Tensors made with `keras.ops` and kept on `self`, and builds that skip the base
class, look like untracked weights; but the mask and the rotary tables are fixed constants by
design, and every Dense, Embedding and RMSNorm weight is tracked and trained.
"""

SOURCE = "https://github.com/zqgong/Llama2_keras3/blob/7a1217482a4ea101457dda52ea93a7e608672321/llama_lite/model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oke_llama2_keras3_rope_and_causal_mask_tensors_in_init.py:
as returned: LLaMATransformer, count_params() = 7760, 21 weights, unbuilt: none
after call: count_params() = 7760, 21 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 21 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layer.0': 3360, 'rms_norm_1': 16, 'rms_norm': 16, 'feed_forward': 2304, 'attention': 1024, 'layer.1': 3360, 'rms_norm_3': 16, 'rms_norm_2': 16, 'feed_forward_1': 2304, 'attention_1': 1024, 'rms_norm_4': 16}
second call: 0 variables watched that the first call did not use"""

import math
from dataclasses import dataclass
from typing import Optional

import keras
import numpy as np
from keras import ops


@dataclass
class ModelArgs:
    dim: int = 16
    n_layers: int = 2
    n_heads: int = 2
    n_kv_heads: Optional[int] = None
    vocab_size: int = 32
    hidden_dim: Optional[int] = None
    multiple_of: int = 8
    norm_eps: float = 1e-5
    max_seq_len: int = 8
    dropout: float = 0.0


def precompute_freqs_cis(dim, max_seq_len, theta=10_000.0, dtype="float32"):
    idx = ops.arange(0, dim, 2, dtype=dtype)[: dim // 2] / dim
    freqs = 1.0 / (theta ** idx)
    t = ops.arange(max_seq_len, dtype=dtype)
    freqs = ops.outer(t, freqs)
    return ops.cos(freqs), ops.sin(freqs)


def reshape_for_broadcast(freq, x):
    shape = [d if i == 1 or i == len(x.shape) - 1 else 1 for i, d in enumerate(x.shape)]
    return ops.reshape(freq, shape)


def apply_rotary_emb(xq, xk, freqs_cos, freqs_sin):
    xq = ops.reshape(xq, xq.shape[:-1] + (xq.shape[-1] // 2, 2))
    xk = ops.reshape(xk, xk.shape[:-1] + (xk.shape[-1] // 2, 2))
    xq_r, xq_i = ops.unstack(xq, 2, axis=-1)
    xk_r, xk_i = ops.unstack(xk, 2, axis=-1)
    freqs_cos = reshape_for_broadcast(freqs_cos, xq_r)
    freqs_sin = reshape_for_broadcast(freqs_sin, xq_r)
    xq_out = ops.stack([xq_r * freqs_cos - xq_i * freqs_sin, xq_r * freqs_sin + xq_i * freqs_cos], axis=-1)
    xk_out = ops.stack([xk_r * freqs_cos - xk_i * freqs_sin, xk_r * freqs_sin + xk_i * freqs_cos], axis=-1)
    return ops.reshape(xq_out, tuple(xq_out.shape[:3]) + (-1,)), ops.reshape(xk_out, tuple(xk_out.shape[:3]) + (-1,))


class Attention(keras.Model):
    def __init__(self, args, **kwargs):
        super().__init__(**kwargs)
        self.n_heads = args.n_heads
        self.head_dim = args.dim // args.n_heads
        self.wq = keras.layers.Dense(args.n_heads * self.head_dim, use_bias=False, name="wq")
        self.wk = keras.layers.Dense(args.n_heads * self.head_dim, use_bias=False, name="wk")
        self.wv = keras.layers.Dense(args.n_heads * self.head_dim, use_bias=False, name="wv")
        self.wo = keras.layers.Dense(args.dim, use_bias=False, name="wo")
        self.attn_dropout = keras.layers.Dropout(args.dropout)
        self.resid_dropout = keras.layers.Dropout(args.dropout)
        # flash attn not supported on all backends
        mask = ops.full((1, 1, args.max_seq_len, args.max_seq_len), float("-inf"), dtype=self.dtype)
        self.mask = ops.triu(mask, k=1)

    def build(self, input_shape):
        self.wq.build(input_shape)
        self.wk.build(input_shape)
        self.wv.build(input_shape)
        self.wo.build(input_shape)
        self.built = True

    def call(self, x, freqs_cos, freqs_sin, training=False):
        bsz, seqlen, _ = x.shape
        xq = ops.reshape(self.wq(x), (bsz, seqlen, self.n_heads, self.head_dim))
        xk = ops.reshape(self.wk(x), (bsz, seqlen, self.n_heads, self.head_dim))
        xv = ops.reshape(self.wv(x), (bsz, seqlen, self.n_heads, self.head_dim))
        xq, xk = apply_rotary_emb(xq, xk, freqs_cos, freqs_sin)
        xq, xk, xv = (ops.transpose(t, (0, 2, 1, 3)) for t in (xq, xk, xv))
        scores = ops.matmul(xq, ops.transpose(xk, (0, 1, 3, 2))) / math.sqrt(self.head_dim)
        scores += self.mask[:, :, :seqlen, :seqlen]
        scores = self.attn_dropout(ops.softmax(scores, axis=-1))
        output = ops.transpose(ops.matmul(scores, xv), (0, 2, 1, 3))
        output = ops.reshape(output, (bsz, seqlen, -1))
        return self.resid_dropout(self.wo(output))


class FeedForward(keras.Model):
    def __init__(self, args, **kwargs):
        super().__init__(**kwargs)
        hidden_dim = args.hidden_dim
        if hidden_dim is None:
            hidden_dim = int(2 * 4 * args.dim / 3)
            hidden_dim = args.multiple_of * ((hidden_dim + args.multiple_of - 1) // args.multiple_of)
        self.w1 = keras.layers.Dense(hidden_dim, use_bias=False, name="w1")
        self.w2 = keras.layers.Dense(args.dim, use_bias=False, name="w2")
        self.w3 = keras.layers.Dense(hidden_dim, use_bias=False, name="w3")
        self.dropout = keras.layers.Dropout(args.dropout)

    def build(self, input_shape):
        self.w1.build(input_shape)
        self.w3.build(input_shape)
        self.w2.build(self.w1.compute_output_shape(input_shape))
        self.built = True

    def call(self, x, training=False):
        return self.dropout(self.w2(ops.silu(self.w1(x)) * self.w3(x)))


class RMSNorm(keras.layers.Layer):
    def __init__(self, dim, eps, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.eps = eps

    def build(self, input_shape):
        self.weight = self.add_weight(shape=(self.dim,), initializer=keras.initializers.Ones(), trainable=True,
                                      name="rmsnorm_weight")
        super().build(input_shape)

    def call(self, x):
        output = x * ops.reciprocal(ops.sqrt(ops.mean(ops.power(x, 2), axis=-1, keepdims=True) + self.eps))
        return output * self.weight


class TransformerBlock(keras.Model):
    def __init__(self, layer_id, args, **kwargs):
        super().__init__(**kwargs)
        self.layer_id = layer_id
        self.attention = Attention(args)
        self.feed_forward = FeedForward(args)
        self.attention_norm = RMSNorm(args.dim, eps=args.norm_eps)
        self.ffn_norm = RMSNorm(args.dim, eps=args.norm_eps)

    def build(self, input_shape):
        self.attention.build(input_shape)
        self.feed_forward.build(input_shape)
        self.attention_norm.build(input_shape)
        self.ffn_norm.build(input_shape)
        self.built = True

    def call(self, x, freqs_cos, freqs_sin, training=False):
        h = x + self.attention(self.attention_norm(x), freqs_cos, freqs_sin)
        return h + self.feed_forward(self.ffn_norm(h))


class LLaMATransformer(keras.Model):
    def __init__(self, params, **kwargs):
        super().__init__(**kwargs)
        self.params = params
        self.tok_embeddings = keras.layers.Embedding(params.vocab_size, params.dim)
        self.dropout = keras.layers.Dropout(params.dropout)
        self.t_layers = [TransformerBlock(i, params, name=f"layer.{i}") for i in range(params.n_layers)]
        self.norm = RMSNorm(params.dim, eps=params.norm_eps)
        self.embed_out = keras.layers.Dense(params.vocab_size, use_bias=False, name="output")
        self.freqs_cos, self.freqs_sin = precompute_freqs_cis(params.dim // params.n_heads, params.max_seq_len)

    def build(self, input_shape):
        self.tok_embeddings.build(input_shape)
        embeddings_output_shape = self.tok_embeddings.compute_output_shape(input_shape)
        for layer in self.t_layers:
            layer.build(embeddings_output_shape)
        self.norm.build(embeddings_output_shape)
        self.embed_out.build(embeddings_output_shape)
        self.built = True

    def call(self, tokens, training=False):
        _bsz, seqlen = tokens.shape
        h = self.dropout(self.tok_embeddings(tokens))
        freqs_cos = self.freqs_cos[:seqlen]
        freqs_sin = self.freqs_sin[:seqlen]
        for layer in self.t_layers:
            h = layer(h, freqs_cos, freqs_sin)
        return self.embed_out(self.norm(h))


def build_model():
    model = LLaMATransformer(ModelArgs())
    tokens = np.random.default_rng(0).integers(0, 32, size=(2, 8)).astype("int32")
    model.build(tokens.shape)
    return model, tokens
