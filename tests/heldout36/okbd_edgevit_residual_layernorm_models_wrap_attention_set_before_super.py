"""Residual and LayerNorm wrappers that take a layer (`fn`) as argument, around an Attention that sets attributes before `super().__init__()`: all tracked.

From xudoong/EdgeVisionTransformer (`modeling/layers/residual.py`, `norm.py`, `attention.py`, `ffn.py`,
`transformer_encoder.py`). `Residual(tf.keras.Model)` stores the wrapped `fn` and returns `fn(x) + x`;
`LayerNorm(tf.keras.Model)` holds a `LayerNormalization` and the wrapped `fn` and applies them pre- or post-norm;
`TransformerEncoderBlock` puts `LayerNorm(Residual(Attention(...)))` and `LayerNorm(Residual(FeedForward(...)))`
pairs in a Python list and hands it to `tf.keras.Sequential`. `Attention.__init__` computes `self.h_k` *before*
calling `super().__init__()` (LD013-shaped), the wrappers have no `build()`, layers nest three Models deep, and
the list of wrappers is a plain local list: a naive checker could flag LD013, LD011 or LD005. On Keras 3 every
Dense and LayerNormalization is tracked through the nested Models, counted, and gets a gradient; `h_k` is a
plain int the base `__init__` does not reset, so the early assignment is harmless.

Porting edits: `einops.layers.tensorflow.Rearrange` (a tf.keras layer einops does not ship for Keras 3) is
replaced by the equivalent `tf.reshape`/`tf.transpose` in two small helper methods of `Attention` doing
'b n (qkv h d) -> qkv b h n d' and 'b h n d -> b n (h d)'; the repo's `gelu` (from its `activation.py`) is replaced by `tf.nn.gelu`. `tf.keras` is
`keras` (Keras 3). Otherwise the classes are the author's. `build_model()` builds `TransformerEncoderBlock(
hidden_size=64, num_layers=2, num_heads=4, intermediate_size=128)` and returns it with a (2, 16, 64) input.
"""

SOURCE = "https://github.com/xudoong/EdgeVisionTransformer/blob/824b0a2bff545eae60ea5983514c87de667427d2/modeling/layers/residual.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbd_edgevit_residual_layernorm_models_wrap_attention_set_before_super.py:
as returned: TransformerEncoderBlock, count_params() raised ValueError (not built yet), 0 weights, every sublayer unbuilt (subclassed Model, built on first call)
after call: count_params() = 66560, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: attention 16448 each, feed_forward 16576 each, residual = wrapped fn, layer_norm = fn + 128
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import keras


class Residual(keras.Model):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def call(self, x):
        return self.fn(x) + x


class LayerNorm(keras.Model):
    def __init__(self, fn, pre=False):
        super().__init__()
        self.norm = keras.layers.LayerNormalization(epsilon=1e-5)
        self.fn = fn
        self.pre = pre

    def call(self, x):
        if self.pre:
            return self.fn(self.norm(x))
        else:
            return self.norm(self.fn(x))


class Attention(keras.Model):
    def __init__(self, dim, num_heads, h_k=None):
        if h_k is None:
            if dim % num_heads != 0:
                raise ValueError(f'hidden_size {dim} must be a multiple of num_heads {num_heads}.')
            self.h_k = dim // num_heads
        else:
            self.h_k = h_k
        super().__init__()
        self.num_heads = num_heads
        self.scale = self.h_k ** -0.5

        self.to_qkv = keras.layers.Dense(self.num_heads * self.h_k * 3, use_bias=False)
        self.to_out = keras.layers.Dense(dim)

    def rearrange_qkv(self, t):  # 'b n (qkv h d) -> qkv b h n d'
        b, n = tf.shape(t)[0], tf.shape(t)[1]
        t = tf.reshape(t, [b, n, 3, self.num_heads, self.h_k])
        return tf.transpose(t, [2, 0, 3, 1, 4])

    def rearrange_out(self, t):  # 'b h n d -> b n (h d)'
        b, n = tf.shape(t)[0], tf.shape(t)[2]
        t = tf.transpose(t, [0, 2, 1, 3])
        return tf.reshape(t, [b, n, self.num_heads * self.h_k])

    def call(self, x):
        qkv = self.to_qkv(x)
        qkv = self.rearrange_qkv(qkv)
        q = qkv[0]
        k = qkv[1]
        v = qkv[2]

        dots = tf.einsum('bhid,bhjd->bhij', q, k) * self.scale
        attn = tf.nn.softmax(dots, axis=-1)

        out = tf.einsum('bhij,bhjd->bhid', attn, v)
        out = self.rearrange_out(out)
        out = self.to_out(out)
        return out


class FeedForward(keras.Model):
    def __init__(self, dim, hidden_dim):
        super().__init__()
        self.net = keras.Sequential([keras.layers.Dense(hidden_dim, activation=tf.nn.gelu),
                                     keras.layers.Dense(dim)])

    def call(self, x):
        return self.net(x)


class TransformerEncoderBlock(keras.Model):
    def __init__(self, hidden_size, num_layers, num_heads, intermediate_size, norm_first=False):
        super().__init__()
        layers = []
        for _ in range(num_layers):
            layers.extend([
                LayerNorm(Residual(Attention(hidden_size, num_heads=num_heads)), pre=norm_first),
                LayerNorm(Residual(FeedForward(hidden_size, intermediate_size)), pre=norm_first)
            ])
        self.net = keras.Sequential(layers)

    def call(self, x):
        return self.net(x)


def build_model():
    model = TransformerEncoderBlock(hidden_size=64, num_layers=2, num_heads=4, intermediate_size=128)
    inputs = np.random.default_rng(0).random((2, 16, 64)).astype("float32")
    return model, inputs
