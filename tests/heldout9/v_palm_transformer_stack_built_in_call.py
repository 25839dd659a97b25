"""A PaLM-style language model ported from Flax: the transformer stack is instantiated inside call().

The author translated a Flax `@nn.compact` module, where creating submodules inside `__call__` is the
idiom, to a `tf.keras.Model`. The embedding, final norm and output projection were moved to
`__init__`, but the transformer stack is still built by a helper (`ParallelTransformer(...)`) on every
forward pass: `x = ParallelTransformer(self.dim, self.depth, ...)(embed)`. The forum post asks how to
tie the embedding to the output projection; it never notices that every call builds a brand-new,
randomly initialised transformer whose weights are not attached to the model, so they are neither
counted nor trained (only the embedding, the norm and the output head are).
"""

SOURCE = "https://discuss.ai.google.dev/t/embedding-weights-tied-to-projection-out-logits/29060"
CODES = ("LD002",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py v_palm_transformer_stack_built_in_call.py:
as returned: Parallel_Transformer, count_params() = 6464, 4 weights, unbuilt: none
after call: count_params() = 6464, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 10 variables the model does not track: ['parallel__transformer/sequential_8/pre_norm_residual_4/gamma:0', 'parallel__transformer/sequential_8/pre_norm_residual_4/beta:0', 'parallel__transformer/sequential_8/pre_norm_residual_4/kernel:0', 'parallel__transformer/sequential_8/pre_norm_residual_4/kernel:0', 'parallel__transformer/sequential_8/pre_norm_residual_4/kernel:0', 'parallel__transformer/sequential_8/pre_norm_residual_5/gamma:0']
second call: 10 variables watched that the first call did not use
Each call builds a fresh 2-block transformer (10 new variables per call, watched by the tape, never in model.weights); count_params() stays 6464 (embedding 3200 + norm 64 + head 3200)."""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class PreNormResidual(keras.layers.Layer):
    def __init__(self, fn, **kwargs):
        super().__init__(**kwargs)
        self.fn = fn
        self.norm = keras.layers.LayerNormalization(epsilon=1e-5)

    def call(self, x):
        return self.fn(self.norm(x)) + x


class SwiGLU(keras.layers.Layer):
    def call(self, x):
        x, gate = tf.split(x, 2, axis=-1)
        return tf.nn.silu(gate) * x


class ParallelTransformerBlock(keras.layers.Layer):
    """Attention and feed-forward computed in parallel from one fused projection (multi-query attention)."""

    def __init__(self, dim, dim_head=64, heads=8, ff_mult=4, **kwargs):
        super().__init__(**kwargs)
        attn_inner_dim = dim_head * heads
        ff_inner_dim = dim * ff_mult
        self.fused_dims = (attn_inner_dim, dim_head, dim_head, ff_inner_dim * 2)
        self.heads = heads
        self.scale = dim_head ** -0.5
        self.fused_attn_ff_proj = keras.layers.Dense(sum(self.fused_dims), use_bias=False)
        self.attn_out = keras.layers.Dense(dim, use_bias=False)
        self.ff_out = keras.Sequential([SwiGLU(), keras.layers.Dense(dim, use_bias=False)])

    def call(self, x):
        n = tf.shape(x)[1]
        q, k, v, ff = tf.split(self.fused_attn_ff_proj(x), self.fused_dims, axis=-1)
        b = tf.shape(q)[0]
        q = tf.reshape(q, (b, n, self.heads, -1))
        q = tf.transpose(q, (0, 2, 1, 3)) * self.scale
        sim = tf.einsum("bhid,bjd->bhij", q, k)
        mask = tf.linalg.band_part(tf.ones((n, n)), -1, 0)
        sim = sim - 1e10 * (1.0 - mask)
        attn = tf.nn.softmax(sim, axis=-1)
        out = tf.einsum("bhij,bjd->bhid", attn, v)
        out = tf.reshape(tf.transpose(out, (0, 2, 1, 3)), (b, n, -1))
        return self.attn_out(out) + self.ff_out(ff)


def ParallelTransformer(dim, depth, heads, dim_head, ff_mult=4):
    layers = []
    for _ in range(depth):
        layers.append(PreNormResidual(ParallelTransformerBlock(dim=dim, dim_head=dim_head,
                                                               heads=heads, ff_mult=ff_mult)))
    return keras.Sequential(layers)


class Parallel_Transformer(keras.Model):
    def __init__(self, dim, num_tokens, depth, dim_head=64, heads=8, ff_mult=4):
        super(Parallel_Transformer, self).__init__()

        self.dim = dim
        self.num_tokens = num_tokens
        self.depth = depth
        self.dim_head = dim_head
        self.heads = heads
        self.ff_mult = ff_mult

        self.embedding = keras.layers.Embedding(num_tokens, dim, embeddings_initializer="uniform")

        self.norm = keras.layers.LayerNormalization()

        self.to_out = keras.layers.Dense(num_tokens, use_bias=False)

    def call(self, x):
        embed = self.embedding(x)
        x = ParallelTransformer(self.dim, self.depth, self.heads, self.dim_head, self.ff_mult)(embed)
        x = self.norm(x)
        out = self.to_out(x)
        return out


def build_model():
    model = Parallel_Transformer(dim=32, num_tokens=100, depth=2, dim_head=8, heads=4)
    tokens = np.random.default_rng(0).integers(0, 100, size=(2, 16)).astype("int32")
    model(tokens)
    return model, tokens
