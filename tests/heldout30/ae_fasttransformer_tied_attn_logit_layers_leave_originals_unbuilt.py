"""A TensorFlow port of Fast Transformer (additive attention) that ties the query/key attention-logit
projections across depth the way the PyTorch original does: after building every block it assigns
the first block's `to_q_attn_logits` / `to_k_attn_logits` Dense layers onto every later block with
`block.fn.to_q_attn_logits = first_block.fn.to_q_attn_logits`.

From Rishit-dagli/Fast-Transformer (`fast_transformer/fast_transformer.py` + `fast_attention.py`).
On Keras 3 rebinding an attribute does not untrack the layer it held: each later `FastAttention`
still owns its own, original `to_q_attn_logits` / `to_k_attn_logits` Dense layers, which are never
called again and stay unbuilt (0 parameters, "unbuilt state" in the summary). The loop also runs
over the `FeedForward` blocks (the list alternates attention and feed-forward), so those get two
extra, unused attributes pointing at the shared layers.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the `einops` `rearrange` /
`reduce` calls written out as `tf.reshape` / `tf.transpose` / `tf.expand_dims` / `tf.squeeze`
(einops is not installed here); the rotary-embedding branch and its import dropped (the case uses
the author's `absolute_pos_emb=True` path, where `pos_emb` is None); the `input_dim=` arguments of
the Dense layers dropped (Keras 3 rejects them); the author's `self.mask = rearrange(self.mask, ...)`
inside `call()` writes to a local `mask` instead (rebinding the attribute in `call()` makes the
first call fail on Keras 3, the symbolic build pass leaks a graph tensor into `self.mask`, and
would break any second call with the original einops too). Sizes: 20 tokens, dim 16, depth 2, 2 heads of
dim_head 8, sequence length 6, a batch of two sequences and an all-False mask as in the
author's test.
"""

SOURCE = "https://github.com/Rishit-dagli/Fast-Transformer/blob/fcdd97bfbf25a46f6a4815ff5022157044eca0c5/fast_transformer/fast_transformer.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/ae_fasttransformer_tied_attn_logit_layers_leave_originals_unbuilt.py:
as returned: FastTransformer, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:embedding', 'Embedding:embedding_1', 'PreNorm:pre_norm', 'LayerNormalization:layer_normalization', 'FastAttention:fast_attention', 'Dense:dense_4', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense', 'PreNorm:pre_norm_1', 'LayerNormalization:layer_normalization_1', 'FeedForward:feed_forward', 'Sequential:sequential', 'Dense:dense_6', 'Dense:dense_5', 'PreNorm:pre_norm_2', 'LayerNormalization:layer_normalization_2', 'FastAttention:fast_attention_1', 'Dense:dense_11', 'Dense:dense_10', 'Dense:dense_9', 'Dense:dense_8', 'Dense:dense_7', 'PreNorm:pre_norm_3', 'LayerNormalization:layer_normalization_3', 'FeedForward:feed_forward_1', 'Sequential:sequential_1', 'Dense:dense_13', 'Dense:dense_12', 'Sequential:sequential_2', 'Dense:dense_14', 'LayerNormalization:layer_normalization_4']
after call: count_params() = 7412, 34 trainable weights, unbuilt: ['Dense:dense_9', 'Dense:dense_8']; output dtypes ['float32']
gradient None for 0 of 34 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pre_norm': 1160, 'fast_attention': 1128, 'pre_norm_1': 2176, 'feed_forward': 2144, 'pre_norm_2': 1160, 'fast_attention_1': 1128, 'pre_norm_3': 2176, 'feed_forward_1': 2144}
second call: 0 variables watched that the first call did not use
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:431: UserWarning: `build()` was called on layer 'fast_attention_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not being actually built, which may cause failures down the line. Make sure to implement a proper `build()` method.
Own probe (/tmp/mine30/ae/probe_ft.py) first showed that the author's `self.mask = ...` rebinding fails on Keras 3 (porting edit). The two unbuilt Dense layers after the call are the second FastAttention's own to_q_attn_logits / to_k_attn_logits (its attributes now point at the first block's layers); the UserWarning above names that block."""

import numpy as np
import tensorflow as tf
import keras


class FastAttention(keras.layers.Layer):
    def __init__(
        self, dim, heads=8, dim_head=64, max_seq_len=None, pos_emb=None, mask=None
    ):
        super(FastAttention, self).__init__()

        inner_dim = heads * dim_head
        self.heads = heads
        self.scale = dim_head ** -0.5
        self.mask = mask

        self.to_qkv = keras.layers.Dense(inner_dim * 3, use_bias=False)

        if pos_emb is None and max_seq_len is None:
            raise Exception(
                "If you are using Rotary positional embeddings, max_seq_len must be passed in"
            )

        self.pos_emb = pos_emb
        self.max_seq_len = max_seq_len

        # reduce pairs of consecutive feature dimension before doing projection to attention logits
        if pos_emb is None:
            kv_attn_proj_divisor = 1
        else:
            kv_attn_proj_divisor = 2

        # project queries to query attention logits
        self.to_q_attn_logits = keras.layers.Dense(1, use_bias=False)

        # project keys to key attention logits
        self.to_k_attn_logits = keras.layers.Dense(1, use_bias=False)

        self.to_r = keras.layers.Dense(dim_head)

        self.to_out = keras.layers.Dense(dim)

    def call(self, x, **kwargs):
        n, h = x.shape[1], self.heads
        b = tf.shape(x)[0]

        qkv = self.to_qkv(x)
        qkv = tf.split(qkv, num_or_size_splits=3, axis=-1)

        # rearrange(t, "b n (h d) -> b h n d", h=h)
        queries, keys, values = map(
            lambda t: tf.transpose(tf.reshape(t, [b, n, h, -1]), [0, 2, 1, 3]), qkv
        )

        mask_value = -tf.experimental.numpy.finfo(x.dtype).max
        # rearrange(self.mask, "b n -> b () n"), kept in a local (see the porting edits)
        mask = tf.reshape(self.mask, [tf.shape(self.mask)[0], 1, tf.shape(self.mask)[1]])

        query_aggr, keys_aggr, values_aggr = queries, keys, values

        # query attention logits
        query_attn_logits = tf.squeeze(self.to_q_attn_logits(queries), -1) * self.scale

        query_attn_logits = tf.where(mask, mask_value, query_attn_logits)
        query_attn = tf.nn.softmax(query_attn_logits)

        # global query token
        global_query = tf.einsum("b h n, b h n d -> b h d", query_attn, query_aggr)
        global_query = tf.expand_dims(global_query, 2)

        # bias keys with global query token
        keys = keys * global_query

        # key attention logits
        keys_attn_logits = tf.squeeze(self.to_k_attn_logits(keys), -1) * self.scale
        keys_attn_logits = tf.where(mask, mask_value, keys_attn_logits)
        keys_attn = tf.nn.softmax(keys_attn_logits)

        # global key token
        global_keys = tf.einsum("b h n, b h n d -> b h d", keys_attn, keys_aggr)
        global_keys = tf.expand_dims(global_keys, 2)

        # bias the values
        u = values_aggr * global_keys

        r = self.to_r(u)

        # add queries as a residual
        r = r + queries

        # combine heads: rearrange(r, "b h n d -> b n (h d)")
        r = tf.reshape(tf.transpose(r, [0, 2, 1, 3]), [b, n, -1])
        return self.to_out(r)


class PreNorm(keras.layers.Layer):
    def __init__(self, dim, fn):
        super(PreNorm, self).__init__()
        self.fn = fn
        self.norm = keras.layers.LayerNormalization(axis=-1)

    def call(self, x, **kwargs):
        x = self.norm(x)
        return self.fn(x)


class FeedForward(keras.layers.Layer):
    def __init__(self, dim, mult=4):
        super(FeedForward, self).__init__()
        self.dim = dim
        self.mult = mult

        self.net = keras.Sequential(
            [
                keras.layers.Dense(dim * mult),
                keras.layers.Activation(tf.nn.gelu),
                keras.layers.Dense(dim),
            ]
        )

    def call(self, inputs, **kwargs):
        return self.net(inputs)


class FastTransformer(keras.Model):
    def __init__(
        self,
        num_tokens,
        dim,
        depth,
        max_seq_len,
        heads=8,
        dim_head=64,
        ff_mult=4,
        absolute_pos_emb=False,
        mask=None,
    ):
        super(FastTransformer, self).__init__()

        self.token_emb = keras.layers.Embedding(num_tokens, dim)
        self.mask = mask

        # positional embeddings
        if absolute_pos_emb:
            self.abs_pos_emb = keras.layers.Embedding(max_seq_len, dim)
        else:
            self.abs_pos_emb = None

        layer_pos_emb = None

        self.fast_tranformer_layers = []

        for _ in range(depth):
            attn = FastAttention(
                dim,
                dim_head=dim_head,
                heads=heads,
                pos_emb=layer_pos_emb,
                max_seq_len=max_seq_len,
                mask=self.mask,
            )
            ff = FeedForward(dim, mult=ff_mult)

            self.fast_tranformer_layers.append(PreNorm(dim, attn))
            self.fast_tranformer_layers.append(PreNorm(dim, ff))

        first_block = self.fast_tranformer_layers[0]
        for block in self.fast_tranformer_layers[1:]:
            block.fn.to_q_attn_logits = first_block.fn.to_q_attn_logits
            block.fn.to_k_attn_logits = first_block.fn.to_k_attn_logits

        self.to_logits = keras.Sequential(
            [
                keras.layers.LayerNormalization(axis=-1),
                keras.layers.Dense(num_tokens),
            ]
        )

    def call(self, x, **kwargs):
        n = x.shape[1]
        x = self.token_emb(x)

        if self.abs_pos_emb is not None:
            pos_emb = self.abs_pos_emb(tf.range(n))
            x = x + tf.expand_dims(pos_emb, 0)

        for current_layer in self.fast_tranformer_layers:
            x = current_layer(x) + x

        return self.to_logits(x)


def build_model():
    mask = tf.zeros([2, 6], dtype=tf.bool)
    model = FastTransformer(
        num_tokens=20, dim=16, depth=2, max_seq_len=6, heads=2, dim_head=8,
        absolute_pos_emb=True, mask=mask,
    )
    x = np.random.default_rng(0).integers(0, 20, size=(2, 6)).astype("int32")
    return model, x
