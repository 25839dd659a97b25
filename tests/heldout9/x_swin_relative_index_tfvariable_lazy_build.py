"""Swin block port that keeps its relative-position index and shift mask in non-trainable tf.Variables.

Swin-Transformer-TF2 (a TF2/Keras port of timm's Swin with weight conversion scripts) builds,
in `WindowAttention.build`, the trainable `relative_position_bias_table` with `add_weight` but the
integer `relative_position_index` with `tf.Variable(..., trainable=False)`; `SwinTransformerBlock.build`
stores the shifted-window attention mask as another `tf.Variable(trainable=False)` and does not build
its sublayers (norm1/attn/mlp), leaving them to be built lazily inside the block's `call()`.
On Keras 3 the tf.Variables are not tracked, and worse: `WindowAttention.build` now runs while the
outer block's `call()` is being traced to infer the functional output, so
`tf.Variable(initial_value=<graph tensor>)` cannot be lifted out of the trace and wiring the block
into a functional model raises. A linter has to connect a harmless-looking non-trainable integer
buffer with where its `build()` ends up running.
"""

SOURCE = "https://github.com/shilu10/Swin-Transformer-TF2/blob/1539be2b45b0b02e01d856413a58e3ec1bacd7da/swin_transformer/blocks/swin_transformer_block.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py x_swin_relative_index_tfvariable_lazy_build.py:
build_model() raised ValueError: Exception encountered when calling SwinTransformerBlock.call().
Own check (/tmp/mine9c/run.py, traceback): the error is raised at WindowAttention.build, line 'self.relative_position_index = tf.Variable(': Argument initial_value (Tensor("attn/Const:0", shape=(16, 16), dtype=int64)) could not be lifted out of a tf.function. The outer block's own tf.Variable (attn_mask, made in its build) is created before tracing and does not fail; it is still untracked (not in block.weights).
Own check (/tmp/mine9c/sw.py): a standalone block called eagerly on a (2, 64, 16) tensor works: 2322 params in 13 weights, neither tf.Variable among them."""

from types import SimpleNamespace as ConfigDict
from typing import Tuple

import numpy as np
import tensorflow as tf
from tensorflow import keras


# --- swin_transformer/blocks/utils.py ---------------------------------------------------------
def window_partition(x, window_size):
    b, h, w, c = tf.unstack(tf.shape(x))
    x = tf.reshape(x, (b, h // window_size, window_size, w // window_size, window_size, c))
    windows = tf.transpose(x, [0, 1, 3, 2, 4, 5])
    return tf.reshape(windows, (-1, window_size, window_size, c))


def window_reverse(windows, window_size, h, w, c):
    x = tf.reshape(windows, (-1, h // window_size, w // window_size, window_size, window_size, c))
    x = tf.transpose(x, [0, 1, 3, 2, 4, 5])
    return tf.reshape(x, (-1, h, w, c))


# --- swin_transformer/layers -------------------------------------------------------------------
def norm_layer_factory(norm_layer):
    if norm_layer == "layer_norm":
        return lambda **kwargs: tf.keras.layers.LayerNormalization(epsilon=1e-5, **kwargs)
    raise ValueError(norm_layer)


class DropPath(tf.keras.layers.Layer):
    def __init__(self, drop_prob=0.0, **kwargs):
        super().__init__(**kwargs)
        self.drop_prob = drop_prob

    def call(self, x, training=False):
        if not training or self.drop_prob == 0.0:
            return x
        keep = 1.0 - self.drop_prob
        shape = (tf.shape(x)[0],) + (1,) * (len(x.shape) - 1)
        return x / keep * tf.floor(keep + tf.random.uniform(shape, dtype=x.dtype))


class MLP(tf.keras.layers.Layer):
    def __init__(self, hidden_dim, projection_dim, drop_rate, act_layer, **kwargs):
        super().__init__(**kwargs)
        self.fc1 = tf.keras.layers.Dense(hidden_dim, name="fc1")
        self.act = tf.keras.layers.Activation(act_layer)
        self.fc2 = tf.keras.layers.Dense(projection_dim, name="fc2")
        self.drop = tf.keras.layers.Dropout(drop_rate)

    def call(self, x, training=False):
        x = self.drop(self.act(self.fc1(x)), training=training)
        return self.drop(self.fc2(x), training=training)


class WindowAttention(tf.keras.layers.Layer):
    def __init__(self, config: ConfigDict, embed_dim: int, nb_heads: int, **kwargs):
        super(WindowAttention, self).__init__(**kwargs)
        self.config = config
        self.embed_dim = embed_dim
        self.nb_heads = nb_heads

        self.qkv = tf.keras.layers.Dense(embed_dim * 3, use_bias=config.qkv_bias, name="qkv")
        self.attn_drop = tf.keras.layers.Dropout(config.attn_drop_rate)
        self.proj = tf.keras.layers.Dense(embed_dim, name="proj")
        self.proj_drop = tf.keras.layers.Dropout(config.drop_rate)

    def build(self, input_shape):
        window_size = self.config.window_size

        # The weights have to be created inside the build() function for the right
        # name scope to be set.
        self.relative_position_bias_table = self.add_weight(
            name="relative_position_bias_table",
            shape=((2 * window_size - 1) * (2 * window_size - 1), self.nb_heads),
            initializer=tf.initializers.Zeros(),
            trainable=True,
        )

        coords_h = np.arange(window_size)
        coords_w = np.arange(window_size)
        coords = np.stack(np.meshgrid(coords_h, coords_w, indexing="ij"))
        coords_flatten = coords.reshape(2, -1)
        relative_coords = coords_flatten[:, :, None] - coords_flatten[:, None, :]
        relative_coords = relative_coords.transpose((1, 2, 0))
        relative_coords[:, :, 0] += window_size - 1
        relative_coords[:, :, 1] += window_size - 1
        relative_coords[:, :, 0] *= 2 * window_size - 1
        relative_position_index = relative_coords.sum(-1).astype(np.int64)
        self.relative_position_index = tf.Variable(
            name="relative_position_index",
            initial_value=tf.convert_to_tensor(relative_position_index),
            trainable=False,
        )

    def call(self, inputs, training=False):
        nb_heads = self.nb_heads
        window_size = self.config.window_size

        x, mask = inputs[0], inputs[1]
        _, n, c = tf.unstack(tf.shape(x))

        qkv = self.qkv(x)
        qkv = tf.reshape(qkv, shape=(-1, n, 3, nb_heads, c // nb_heads))
        qkv = tf.transpose(qkv, perm=(2, 0, 3, 1, 4))
        q, k, v = tf.unstack(qkv)

        scale = (self.embed_dim // nb_heads) ** -0.5
        q = q * scale
        attn = q @ tf.transpose(k, perm=(0, 1, 3, 2))
        relative_position_bias = tf.gather(
            self.relative_position_bias_table,
            tf.reshape(self.relative_position_index, shape=(-1,)),
        )
        relative_position_bias = tf.reshape(
            relative_position_bias, shape=(window_size**2, window_size**2, -1))
        relative_position_bias = tf.transpose(relative_position_bias, perm=(2, 0, 1))
        attn = attn + tf.expand_dims(relative_position_bias, axis=0)

        nw = mask.get_shape()[0]
        mask = tf.expand_dims(tf.expand_dims(mask, axis=1), axis=0)
        mask = tf.cast(mask, attn.dtype)
        attn = tf.reshape(attn, shape=(-1, nw, nb_heads, n, n)) + mask
        attn = tf.reshape(attn, shape=(-1, nb_heads, n, n))
        attn = tf.nn.softmax(attn, axis=-1)
        attn = self.attn_drop(attn, training=training)

        x = tf.transpose((attn @ v), perm=(0, 2, 1, 3))
        x = tf.reshape(x, shape=(-1, n, c))
        x = self.proj(x)
        x = self.proj_drop(x, training=training)
        return x


# --- swin_transformer/blocks/swin_transformer_block.py -----------------------------------------
class SwinTransformerBlock(tf.keras.layers.Layer):
    def __init__(self, config: ConfigDict, input_size: Tuple[int, int], embed_dim: int,
                 nb_heads: int, drop_path_rate: float, shift_size: int, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.input_size = input_size
        self.shift_size = shift_size
        self.norm_layer = norm_layer_factory(config.norm_layer)
        self.window_size = config.window_size

        if min(self.input_size) <= self.window_size:
            self.shift_size = 0
            self.window_size = min(self.input_size)

        self.norm1 = self.norm_layer(name="norm1")
        self.attn = WindowAttention(config=config, embed_dim=embed_dim, nb_heads=nb_heads, name="attn")
        self.attn_mask = None
        self.drop_path = DropPath(drop_prob=drop_path_rate)
        self.norm2 = self.norm_layer(name="norm2")
        self.mlp = MLP(hidden_dim=int(embed_dim * config.mlp_ratio), projection_dim=embed_dim,
                       drop_rate=config.drop_rate, act_layer=config.act_layer, name="mlp")

    def build(self, input_shape):
        h, w = self.input_size
        window_size = self.window_size
        shift_size = self.shift_size

        if shift_size > 0:
            img_mask = np.zeros([1, h, w, 1])
            h_slices = (slice(0, -window_size), slice(-window_size, -shift_size), slice(-shift_size, None))
            w_slices = (slice(0, -window_size), slice(-window_size, -shift_size), slice(-shift_size, None))
            cnt = 0
            for h_slice in h_slices:
                for w_slice in w_slices:
                    img_mask[:, h_slice, w_slice, :] = cnt
                    cnt += 1

            img_mask = tf.convert_to_tensor(img_mask, dtype=tf.float32)
            mask_windows = window_partition(img_mask, window_size)
            mask_windows = tf.reshape(mask_windows, shape=(-1, window_size**2))
            attn_mask = tf.expand_dims(mask_windows, axis=1) - tf.expand_dims(mask_windows, axis=2)
            attn_mask = tf.where(attn_mask != 0, -100.0, attn_mask)
            attn_mask = tf.where(attn_mask == 0, 0.0, attn_mask)
            # Only the non-trivial attention mask is a Variable, because in the PyTorch
            # model, only the non-trivial attention mask exists.
            self.attn_mask = tf.Variable(initial_value=attn_mask, trainable=False, name="attn_mask")
        else:
            self.attn_mask = tf.Variable(initial_value=tf.zeros((1,)), trainable=False, name="attn_mask")

    def call(self, x, training=False):
        window_size = self.window_size
        shift_size = self.shift_size

        h, w = self.input_size
        b, l, c = tf.unstack(tf.shape(x))

        shortcut = x
        x = self.norm1(x, training=training)
        x = tf.reshape(x, shape=(-1, h, w, c))
        shifted_x = tf.roll(x, shift=(-shift_size, -shift_size), axis=[1, 2])
        x_windows = window_partition(shifted_x, window_size)
        x_windows = tf.reshape(x_windows, shape=(-1, window_size**2, c))

        attn_windows = self.attn([x_windows, self.attn_mask])

        attn_windows = tf.reshape(attn_windows, shape=(-1, window_size, window_size, c))
        shifted_x = window_reverse(attn_windows, window_size, h, w, c)
        x = tf.roll(shifted_x, shift=(shift_size, shift_size), axis=(1, 2))
        x = tf.reshape(x, shape=[-1, h * w, c])

        x = self.drop_path(x, training=training)
        x = x + shortcut

        shortcut = x
        x = self.norm2(x, training=training)
        x = self.mlp(x, training=training)
        x = self.drop_path(x, training=training)
        return x + shortcut

    def get_config(self):
        config = super(SwinTransformerBlock, self).get_config()
        config["input_size"] = self.input_size
        config["shift_size"] = self.shift_size
        config["window_size"] = self.window_size
        return config


def build_model():
    config = ConfigDict(window_size=4, qkv_bias=True, attn_drop_rate=0.0, drop_rate=0.0,
                        norm_layer="layer_norm", mlp_ratio=2.0, act_layer="gelu")
    inputs = keras.Input(shape=(64, 16))
    x = SwinTransformerBlock(config, (8, 8), 16, 2, 0.0, shift_size=0, name="block0")(inputs)
    x = SwinTransformerBlock(config, (8, 8), 16, 2, 0.0, shift_size=2, name="block1")(x)
    return keras.Model(inputs, x)
