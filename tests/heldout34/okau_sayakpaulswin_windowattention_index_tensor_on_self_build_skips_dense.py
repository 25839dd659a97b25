"""Swin's window attention in a TF2 port stores the relative-position index (an int tensor) on `self`
in `__init__` and its own `build()` creates only the bias table, never building the `qkv`/`proj` Dense
sublayers it holds: on Keras 3 the Dense layers are still built on the first call, and every weight is
tracked and gets a gradient.

From sayakpaul/swin-transformers-tf (`swins/layers/window_attn.py` at the commit cited), a port of
timm's Swin Transformer. `WindowAttention.__init__` computes `self.relative_position_index =
get_relative_position_index(win_h, win_w)` (a `tf.int32` tensor from `tf.meshgrid`/`tf.stack`) and makes
`self.qkv = Dense(3 * attn_dim)`, `self.proj = Dense(dim)` and two Dropouts; `build(input_shape)` adds
`relative_position_bias_table` with `add_weight` and calls `super().build(input_shape)`; `call`
gathers the table with the index, adds the bias to the attention logits and applies `qkv`/`proj`.

Why it looks buggy: a TensorFlow tensor assigned to `self` in `__init__` (LD001's pattern: "a
weight-like tensor ... stored on self"), and a custom `build()` that does not build the sublayers it
owns (LD005's pattern; keras-team/keras#19229, #18823: Keras 3 expects `build()` to create all state).
Measured: the index is an integer lookup table, never meant to train; `qkv` and `proj` are built by
their own first call inside `call()` and tracked through the attributes set in `__init__`; the bias
table, both kernels and both biases (5 weights) get gradients, none untracked.

Porting edits: none. `build_model()` returns the layer as a Swin-T stage-1 block uses it (dim 96, 3
heads, window 7) and a batch of 4 windows of 49 tokens, called eagerly as `SwinTransformerBlock.call`
does (the layer reads `tf.shape(x)`, so it is not wired into a functional graph).
"""

SOURCE = "https://github.com/sayakpaul/swin-transformers-tf/blob/17f2c1d8b6857d6455950fb0233c07c229b48025/swins/layers/window_attn.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/okau_sayakpaulswin_windowattention_index_tensor_on_self_build_skips_dense.py:
as returned: WindowAttention, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:attention_qkv', 'Dense:attention_projection']
after call: count_params() = 37755, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_swin.py): after the first eager call the weights are relative_position_bias_table, attention_qkv/kernel+bias,
attention_projection/kernel+bias (37755 = 169*3 + 96*288+288 + 96*96+96); no None gradient, the bias-table gradient is nonzero;
relative_position_index is an int32 (49, 49) lookup tensor, not in weights (by design)."""

import collections.abc

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


def get_relative_position_index(win_h, win_w):
    # get pair-wise relative position index for each token inside the window
    xx, yy = tf.meshgrid(range(win_h), range(win_w))
    coords = tf.stack([yy, xx], axis=0)  # [2, Wh, Ww]
    coords_flatten = tf.reshape(coords, [2, -1])  # [2, Wh*Ww]

    relative_coords = (
        coords_flatten[:, :, None] - coords_flatten[:, None, :]
    )  # [2, Wh*Ww, Wh*Ww]
    relative_coords = tf.transpose(
        relative_coords, perm=[1, 2, 0]
    )  # [Wh*Ww, Wh*Ww, 2]

    xx = (relative_coords[:, :, 0] + win_h - 1) * (2 * win_w - 1)
    yy = relative_coords[:, :, 1] + win_w - 1
    relative_coords = tf.stack([xx, yy], axis=-1)

    return tf.reduce_sum(relative_coords, axis=-1)  # [Wh*Ww, Wh*Ww]


class WindowAttention(layers.Layer):
    """Window based multi-head self attention (W-MSA) module with relative position bias."""

    def __init__(
        self,
        dim,
        num_heads,
        head_dim=None,
        window_size=7,
        qkv_bias=True,
        attn_drop=0.0,
        proj_drop=0.0,
        **kwargs,
    ):

        super().__init__(**kwargs)

        self.dim = dim
        self.window_size = (
            window_size
            if isinstance(window_size, collections.abc.Iterable)
            else (window_size, window_size)
        )  # Wh, Ww
        self.win_h, self.win_w = self.window_size
        self.window_area = self.win_h * self.win_w
        self.num_heads = num_heads
        self.head_dim = head_dim or (dim // num_heads)
        self.attn_dim = self.head_dim * num_heads
        self.scale = self.head_dim ** -0.5

        # get pair-wise relative position index for each token inside the window
        self.relative_position_index = get_relative_position_index(
            self.win_h, self.win_w
        )

        self.qkv = layers.Dense(
            self.attn_dim * 3, use_bias=qkv_bias, name="attention_qkv"
        )
        self.attn_drop = layers.Dropout(attn_drop)
        self.proj = layers.Dense(dim, name="attention_projection")
        self.proj_drop = layers.Dropout(proj_drop)

    def build(self, input_shape):
        self.relative_position_bias_table = self.add_weight(
            shape=((2 * self.win_h - 1) * (2 * self.win_w - 1), self.num_heads),
            initializer="zeros",
            trainable=True,
            name="relative_position_bias_table",
        )
        super().build(input_shape)

    def _get_rel_pos_bias(self) -> tf.Tensor:
        relative_position_bias = tf.gather(
            self.relative_position_bias_table,
            self.relative_position_index,
            axis=0,
        )
        return tf.transpose(relative_position_bias, [2, 0, 1])

    def call(self, x, mask=None):
        B_, N, C = tf.shape(x)[0], tf.shape(x)[1], tf.shape(x)[2]
        qkv = self.qkv(x)
        qkv = tf.reshape(qkv, (B_, N, 3, self.num_heads, -1))
        qkv = tf.transpose(qkv, (2, 0, 3, 1, 4))

        q, k, v = tf.unstack(qkv, 3)

        scale = tf.cast(self.scale, dtype=qkv.dtype)
        q = q * scale
        attn = tf.matmul(q, tf.transpose(k, perm=[0, 1, 3, 2]))
        attn = attn + self._get_rel_pos_bias()

        if mask is not None:
            num_win = tf.shape(mask)[0]
            attn = tf.reshape(
                attn, (B_ // num_win, num_win, self.num_heads, N, N)
            )
            attn = attn + tf.expand_dims(mask, 1)[None, ...]

            attn = tf.reshape(attn, (-1, self.num_heads, N, N))
            attn = tf.nn.softmax(attn, -1)
        else:
            attn = tf.nn.softmax(attn, -1)

        attn = self.attn_drop(attn)

        x = tf.matmul(attn, v)
        x = tf.transpose(x, perm=[0, 2, 1, 3])
        x = tf.reshape(x, (B_, N, -1))

        x = self.proj(x)
        x = self.proj_drop(x)
        return x


def build_model():
    layer = WindowAttention(dim=96, num_heads=3, window_size=7, name="window_attention")
    windows = np.random.default_rng(0).random((4, 49, 96)).astype("float32")
    return layer, windows
