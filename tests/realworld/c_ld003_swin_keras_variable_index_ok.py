"""Keras 3 Swin window attention stores its relative-position index as a `keras.Variable(..., trainable=False)` made in build().

The Keras 3 version of the keras.io Swin Transformer example replaced the TF-era `tf.Variable`
with `keras.Variable(initializer=..., dtype="int",
trainable=False)` created directly in `build()`, not through `add_weight`. A variable constructed by
hand on a layer looks like the foreign-variable bug, but a `keras.Variable` is tracked: correct code.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/vision/swin_transformers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
functional Input((4, 8)) -> WindowAttention: count_params() == 322 including the (4, 4) int index as a
non-trainable weight (bias table 9x2, qkv 8x24+24, proj 8x8+8, index 16); the 5 trainable weights get
non-None gradients; no warning."""

import numpy as np
import keras
from keras import layers, ops


class WindowAttention(layers.Layer):
    def __init__(self, dim, window_size, num_heads, qkv_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.window_size = window_size
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = layers.Dense(dim * 3, use_bias=qkv_bias)
        self.proj = layers.Dense(dim)

    def build(self, input_shape):
        num_window_elements = (2 * self.window_size[0] - 1) * (2 * self.window_size[1] - 1)
        self.relative_position_bias_table = self.add_weight(
            shape=(num_window_elements, self.num_heads), initializer=keras.initializers.Zeros(), trainable=True)
        coords_h = np.arange(self.window_size[0])
        coords_w = np.arange(self.window_size[1])
        coords = np.stack(np.meshgrid(coords_h, coords_w, indexing="ij"))
        coords_flatten = coords.reshape(2, -1)
        relative_coords = coords_flatten[:, :, None] - coords_flatten[:, None, :]
        relative_coords = relative_coords.transpose([1, 2, 0])
        relative_coords[:, :, 0] += self.window_size[0] - 1
        relative_coords[:, :, 1] += self.window_size[1] - 1
        relative_coords[:, :, 0] *= 2 * self.window_size[1] - 1
        relative_position_index = relative_coords.sum(-1)
        self.relative_position_index = keras.Variable(
            initializer=relative_position_index,
            shape=relative_position_index.shape,
            dtype="int",
            trainable=False,
        )

    def call(self, x):
        _, size, channels = x.shape
        head_dim = channels // self.num_heads
        x_qkv = ops.reshape(self.qkv(x), (-1, size, 3, self.num_heads, head_dim))
        x_qkv = ops.transpose(x_qkv, (2, 0, 3, 1, 4))
        q, k, v = x_qkv[0], x_qkv[1], x_qkv[2]
        attn = ops.matmul(q * self.scale, ops.transpose(k, (0, 1, 3, 2)))
        num_window_elements = self.window_size[0] * self.window_size[1]
        index = ops.reshape(self.relative_position_index, (-1,))
        bias = ops.take(self.relative_position_bias_table, index, axis=0)
        bias = ops.transpose(ops.reshape(bias, (num_window_elements, num_window_elements, -1)), (2, 0, 1))
        attn = ops.softmax(attn + ops.expand_dims(bias, axis=0), axis=-1)
        x_qkv = ops.transpose(ops.matmul(attn, v), (0, 2, 1, 3))
        return self.proj(ops.reshape(x_qkv, (-1, size, channels)))


def build_model():
    inputs = keras.Input((4, 8))
    outputs = WindowAttention(8, window_size=(2, 2), num_heads=2)(inputs)
    return keras.Model(inputs, outputs)
