"""Correct: a Keras 3 llama2.c port with a KV cache calls `keras.Model.__init__` twice, first empty, then (after making its layers and wiring Inputs) functionally; every weight is tracked.

From zqgong/Llama2_keras3, `llama_lite/model_kvcache.py` (the KV-cache variant of the file a held-out-5 look-alike
uses; different class body). `LLaMATransformer.__init__` calls `super().__init__(**kwargs)`, assigns an Embedding,
Dropout, a *list* of `TransformerBlock` models, an RMSNorm and a Dense to `self`, stores RoPE tables made with
`keras.ops` on `self`, makes `keras.layers.Input`s for the tokens, the cos/sin rows, the mask and one K and V
cache per block (kept in a plain list `self.kvcache`), runs the blocks on them, and ends with
`super().__init__(all_input, all_output)` (dict inputs, dict outputs). `Attention`, `TransformerBlock` and
`FeedForward` are `keras.Model` subclasses whose `build()` builds their Denses by hand and sets
`self.built = True` without `super().build()`. A naive checker sees: state assigned between two
`super().__init__` calls (LD013), ops tensors on self (LD001), blocks and Inputs in Python lists (LD011),
builds that skip the base class. On Keras 3 the second init turns the object into a functional model whose
graph holds every block; the weights are tracked, counted and get gradients.

Porting edits: none to the model code. The tokenizer (sentencepiece file), weight loading from torch checkpoints
and the generate loop are left out; `FeedForward`, `RMSNorm`, `precompute_freqs_cis`, `reshape_for_broadcast` and
`repeat_kv` are copied in from `llama_lite/model.py`, which this file imports them from. build_model() uses a tiny
ModelArgs (dim 16, 2 layers, 2 heads, vocab 32, max_seq_len 8, multiple_of 8).
"""

SOURCE = "https://github.com/zqgong/Llama2_keras3/blob/b701d79955888e244e0789363074f76d2b9ecc91/llama_lite/model_kvcache.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/okbt_llama2keras3_kvcache_transformer_model_init_twice_second_functional.py:
warning: When providing `inputs` as a dict, all keys in the dict must match the names of the corresponding tensors. Received key 'cos' mapping to value <KerasTensor shape=(None, 4), dtype=float32, sparse=False
warning: When providing `inputs` as a dict, all keys in the dict must match the names of the corresponding tensors. Received key 'sin' mapping to value <KerasTensor shape=(None, 4), dtype=float32, sparse=False
as returned: LLaMATransformer, count_params() = 7760, 21 weights, unbuilt: none
after call: count_params() = 7760, 21 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 21 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layer.0': 3360, 'rms_norm_1': 16, 'rms_norm': 16, 'feed_forward': 2304, 'attention': 1024, 'layer.1': 3360, 'rms_norm_3': 16, 'rms_norm_2': 16, 'feed_forward_1': 2304, 'attention_1': 1024, 'rms_norm_4': 16}
second call: 0 variables watched that the first call did not use"""

import math
from dataclasses import dataclass
from typing import Optional, Tuple

import keras
from keras import ops


@dataclass
class ModelArgs:
    dim: int = 4096
    n_layers: int = 32
    n_heads: int = 32
    n_kv_heads: Optional[int] = None
    vocab_size: int = 32000
    hidden_dim: Optional[int] = None
    multiple_of: int = 256
    ffn_dim_multiplier: Optional[float] = None
    norm_eps: float = 1e-5
    max_seq_len: int = 2048
    max_batch_size: int = 32
    dropout: float = 0.0
    use_kv_cacke: bool = True


def precompute_freqs_cis(dim, max_seq_len, theta=10000.0, dtype="float32"):
    idx = ops.arange(0, dim, 2, dtype=dtype)[: dim // 2] / dim
    freqs = 1.0 / (theta ** (idx))
    t = ops.arange(max_seq_len, dtype=dtype)
    freqs = ops.outer(t, freqs)
    return ops.cos(freqs), ops.sin(freqs)


def reshape_for_broadcast(freq, x):
    ndim = len(x.shape)
    assert freq.shape == (x.shape[1], x.shape[-1])
    shape = [d if i == 1 or i == ndim - 1 else 1 for i, d in enumerate(x.shape)]
    return ops.reshape(freq, shape)


def repeat_kv(x, n_rep):
    bs, slen, n_kv_heads, head_dim = x.shape
    if n_rep > 1:
        x = x[..., None, :]
        x = ops.repeat(x, n_rep, 3)
        x = ops.reshape(x, (bs, slen, n_kv_heads * n_rep, head_dim))
    return x


def apply_rotary_emb(xq, xk, freqs_cos, freqs_sin, use_kv_cacke=False):
    xq_shape = (-1,) + tuple(xq.shape[1:-1]) + (xq.shape[-1] // 2, 2)
    xq = ops.reshape(xq, xq_shape)
    xk_shape = (-1,) + tuple(xk.shape[1:-1]) + (xk.shape[-1] // 2, 2)
    xk = ops.reshape(xk, xk_shape)
    xq_r, xq_i = ops.unstack(xq, 2, axis=-1)
    xk_r, xk_i = ops.unstack(xk, 2, axis=-1)
    if not use_kv_cacke:
        freqs_cos = reshape_for_broadcast(freqs_cos, xq_r)
        freqs_sin = reshape_for_broadcast(freqs_sin, xq_r)
    xq_out_r = xq_r * freqs_cos - xq_i * freqs_sin
    xk_out_r = xk_r * freqs_cos - xk_i * freqs_sin
    xq_out_i = xq_r * freqs_sin + xq_i * freqs_cos
    xk_out_i = xk_r * freqs_sin + xk_i * freqs_cos
    xq_out = ops.stack([xq_out_r, xq_out_i], axis=-1)
    new_shape = (-1,) + tuple(xq_out.shape[1:-2]) + (xq_out.shape[-2] * xq_out.shape[-1],)
    xq_out = ops.reshape(xq_out, new_shape)
    xk_out = ops.stack([xk_out_r, xk_out_i], axis=-1)
    xk_out = ops.reshape(xk_out, new_shape)
    return ops.cast(xq_out, xq.dtype), ops.cast(xk_out, xk.dtype)


class Attention(keras.Model):
    def __init__(self, args: ModelArgs, **kwargs):
        super().__init__(**kwargs)
        self.args = args
        self.n_kv_heads = args.n_heads if args.n_kv_heads is None else args.n_kv_heads
        assert args.n_heads % self.n_kv_heads == 0
        model_parallel_size = 1
        self.n_local_heads = args.n_heads // model_parallel_size
        self.n_local_kv_heads = self.n_kv_heads // model_parallel_size
        self.n_rep = self.n_local_heads // self.n_local_kv_heads
        self.head_dim = args.dim // args.n_heads
        self.wq = keras.layers.Dense(args.n_heads * self.head_dim, use_bias=False, name="wq")
        self.wk = keras.layers.Dense(self.n_kv_heads * self.head_dim, use_bias=False, name="wk")
        self.wv = keras.layers.Dense(self.n_kv_heads * self.head_dim, use_bias=False, name="wv")
        self.wo = keras.layers.Dense(args.dim, use_bias=False, name="wo")
        self.attn_dropout = keras.layers.Dropout(args.dropout)
        self.resid_dropout = keras.layers.Dropout(args.dropout)
        self.dropout = args.dropout
        mask = ops.full((1, 1, args.max_seq_len, args.max_seq_len), float("-inf"), dtype=self.dtype)
        self.mask = ops.triu(mask, k=1)

    def build(self, input_shape):
        self.wq.build(input_shape)
        self.wk.build(input_shape)
        self.wv.build(input_shape)
        self.wo.build(input_shape)
        self.built = True

    def call(self, x, freqs_cos, freqs_sin, batch_size=1, training=False, kvcache=None, mask_for_kvcache=None, **kwargs):
        bsz, seqlen, _ = x.shape
        bsz = -1
        xq, xk, xv = self.wq(x), self.wk(x), self.wv(x)
        xq = ops.reshape(xq, (bsz, seqlen, self.n_local_heads, self.head_dim))
        xk = ops.reshape(xk, (bsz, seqlen, self.n_local_kv_heads, self.head_dim))
        xv = ops.reshape(xv, (bsz, seqlen, self.n_local_kv_heads, self.head_dim))
        xq, xk = apply_rotary_emb(xq, xk, freqs_cos, freqs_sin, self.args.use_kv_cacke)
        if kvcache:
            old_k, old_v = kvcache
            xk = ops.concatenate([old_k, xk], axis=1)
            xv = ops.concatenate([old_v, xv], axis=1)
        current_cache = [xk[:, 1:, ...], xv[:, 1:, ...]]
        xk = repeat_kv(xk, self.n_rep)
        xv = repeat_kv(xv, self.n_rep)
        xq = ops.transpose(xq, (0, 2, 1, 3))
        xk = ops.transpose(xk, (0, 2, 1, 3))
        xv = ops.transpose(xv, (0, 2, 1, 3))
        scores = ops.matmul(xq, ops.transpose(xk, (0, 1, 3, 2))) / math.sqrt(self.head_dim)
        if self.args.use_kv_cacke:
            scores += mask_for_kvcache
        else:
            scores += self.mask[:, :, :seqlen, :seqlen]
        scores = ops.cast(scores, "float32")
        scores = ops.softmax(scores, axis=-1)
        scores = ops.cast(scores, xq.dtype)
        scores = self.attn_dropout(scores)
        output = ops.matmul(scores, xv)
        output = ops.transpose(output, (0, 2, 1, 3))
        output = ops.reshape(output, (bsz, seqlen, output.shape[-2] * output.shape[-1]))
        output = self.wo(output)
        output = self.resid_dropout(output)
        return output, current_cache


class FeedForward(keras.Model):
    def __init__(self, args: ModelArgs, **kwargs):
        super().__init__(**kwargs)
        self.args = args
        if args.hidden_dim is None:
            hidden_dim = 4 * args.dim
            hidden_dim = int(2 * hidden_dim / 3)
            hidden_dim = args.multiple_of * ((hidden_dim + args.multiple_of - 1) // args.multiple_of)
            args.hidden_dim = hidden_dim
        self.w1 = keras.layers.Dense(args.hidden_dim, use_bias=False, name="w1")
        self.w2 = keras.layers.Dense(args.dim, use_bias=False, name="w2")
        self.w3 = keras.layers.Dense(args.hidden_dim, use_bias=False, name="w3")
        self.dropout = keras.layers.Dropout(args.dropout)

    def build(self, input_shape):
        self.w1.build(input_shape)
        self.w3.build(input_shape)
        self.w2.build(self.w1.compute_output_shape(input_shape))
        self.built = True

    def call(self, x, training=False):
        return self.dropout(self.w2(ops.silu(self.w1(x)) * self.w3(x)))


class RMSNorm(keras.layers.Layer):
    def __init__(self, dim: int, eps: float, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.eps = eps

    def build(self, input_shape):
        self.weight = self.add_weight(shape=(self.dim,), initializer=keras.initializers.Ones(),
                                      trainable=True, dtype=self.dtype, name="rmsnorm_weight")
        super().build(input_shape)

    def _norm(self, x):
        return x * ops.reciprocal(ops.sqrt(ops.mean(ops.power(x, 2), axis=-1, keepdims=True) + self.eps))

    def call(self, x):
        output = self._norm(ops.cast(x, "float32"))
        output = ops.cast(output, x.dtype)
        return output * self.weight


class TransformerBlock(keras.Model):
    def __init__(self, layer_id: int, args: ModelArgs, **kwargs):
        super().__init__(**kwargs)
        self.n_heads = args.n_heads
        self.dim = args.dim
        self.head_dim = args.dim // args.n_heads
        self.attention = Attention(args)
        self.feed_forward = FeedForward(args)
        self.layer_id = layer_id
        self.attention_norm = RMSNorm(args.dim, eps=args.norm_eps)
        self.ffn_norm = RMSNorm(args.dim, eps=args.norm_eps)

    def build(self, input_shape):
        self.attention.build(input_shape)
        self.feed_forward.build(input_shape)
        self.attention_norm.build(input_shape)
        self.ffn_norm.build(input_shape)
        self.built = True

    def call(self, x, freqs_cos, freqs_sin, batch_size=1, training=False, kvcache=None, mask_for_kvcache=None, **kwargs):
        h, updated_cache = self.attention(self.attention_norm(x), freqs_cos, freqs_sin, batch_size=batch_size,
                                          kvcache=kvcache, mask_for_kvcache=mask_for_kvcache)
        h = x + h
        out = h + self.feed_forward(self.ffn_norm(h))
        return out, updated_cache


class LLaMATransformer(keras.Model):
    def __init__(self, params: ModelArgs, tokenizer_model: str = None, jit_generate=False, **kwargs):
        super().__init__(**kwargs)
        self.params = params
        self.vocab_size = params.vocab_size
        self.n_layers = params.n_layers

        self.tok_embeddings = keras.layers.Embedding(params.vocab_size, params.dim)
        self.dropout = keras.layers.Dropout(params.dropout)
        self.t_layers = [TransformerBlock(layer_id, params, name=f"layer.{layer_id}") for layer_id in
                         range(params.n_layers)]
        self.norm = RMSNorm(params.dim, eps=params.norm_eps)
        self.embed_out = keras.layers.Dense(params.vocab_size, use_bias=False, name="output")

        self.freqs_cos, self.freqs_sin = precompute_freqs_cis(params.dim // params.n_heads, params.max_seq_len)

        seqlen = params.max_seq_len
        freqs_cos = self.freqs_cos[:seqlen]
        freqs_sin = self.freqs_sin[:seqlen]

        if params.use_kv_cacke:
            freqs_cos = freqs_cos[-1:]
            freqs_sin = freqs_sin[-1:]

            self.freqs_cos_inp = keras.layers.Input(shape=(freqs_cos.shape[-1],), dtype="float32", name="freqs_cos_inp")
            self.freqs_sin_inp = keras.layers.Input(shape=(freqs_sin.shape[-1],), dtype="float32", name="freqs_sin_inp")
            self.mask_inp = keras.layers.Input(shape=(1, 1, seqlen), dtype="float32", name="mask")
            self.tokens_inp = keras.layers.Input(shape=(1,), dtype="int32", name="tokens")

            self.kvcache = []
            n_kv_heads = params.n_heads if params.n_kv_heads is None else params.n_kv_heads
            for i in range(params.n_layers):
                self.kvcache.append(keras.layers.Input(shape=(seqlen - 1, n_kv_heads, params.dim // params.n_heads), dtype="float32", name=f"kcache_{i}"))
                self.kvcache.append(keras.layers.Input(shape=(seqlen - 1, n_kv_heads, params.dim // params.n_heads), dtype="float32", name=f"vcache_{i}"))

            h = self.tok_embeddings(self.tokens_inp)

            self.new_kvcache = []
            self.hidden_inp = []
            for idx, layer in enumerate(self.t_layers):
                kvcache_block = None
                mask = None
                if params.use_kv_cacke:
                    kvcache_block = [self.kvcache[2 * idx], self.kvcache[2 * idx + 1]]
                    mask = self.mask_inp

                h, updated_cache = layer(h, self.freqs_cos_inp, self.freqs_sin_inp, kvcache=kvcache_block, mask_for_kvcache=mask)
                self.new_kvcache += updated_cache
                self.hidden_inp.append(h)
            h = self.norm(h)
            self.logits = self.embed_out(h)

            all_output = {"logits": self.logits, "kvcache": ops.concatenate(self.new_kvcache, 1)}

            all_input = {"tokens": self.tokens_inp,
                         "cos": self.freqs_cos_inp,
                         "sin": self.freqs_sin_inp,
                         "mask": self.mask_inp}
            for idx in range(params.n_layers):
                all_input[f"kcache_{idx}"] = self.kvcache[idx * 2]
                all_input[f"vcache_{idx}"] = self.kvcache[idx * 2 + 1]

            super().__init__(all_input, all_output)

        else:
            self.tokens_inp = keras.layers.Input(shape=(params.max_seq_len,), dtype="int32", name="tokens")
            h = self.tok_embeddings(self.tokens_inp)
            h = self.dropout(h)
            for idx, layer in enumerate(self.t_layers):
                h, updated_cache = layer(h, freqs_cos, freqs_sin)
            h = self.norm(h)
            self.logits = self.embed_out(h)
            super().__init__(self.tokens_inp, self.logits)

        self.last_loss = None
        self.jit_generate = jit_generate
        self.batch_size = 1


def build_model():
    import numpy as np

    params = ModelArgs(dim=16, n_layers=2, n_heads=2, vocab_size=32, max_seq_len=8, multiple_of=8)
    model = LLaMATransformer(params)
    seqlen, hd = params.max_seq_len, params.dim // params.n_heads
    inputs = {"tokens": np.ones((2, 1), "int32"), "cos": np.ones((2, hd // 2), "float32"),
              "sin": np.zeros((2, hd // 2), "float32"), "mask": np.zeros((2, 1, 1, seqlen), "float32")}
    for idx in range(params.n_layers):
        inputs[f"kcache_{idx}"] = np.random.default_rng(idx).random((2, seqlen - 1, params.n_heads, hd)).astype("float32")
        inputs[f"vcache_{idx}"] = np.random.default_rng(idx + 7).random((2, seqlen - 1, params.n_heads, hd)).astype("float32")
    return model, inputs
