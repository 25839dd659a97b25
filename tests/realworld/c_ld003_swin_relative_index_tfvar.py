"""Swin window attention keeps its relative-position index as a non-trainable tf.Variable made in build().

Porting the keras.io Swin Transformer example to Keras 3, the reporter hit "Argument `initial_value`
... could not be lifted out of a `tf.function`" because `build()` of the nested attention layer is
traced; the suggested workaround (a lambda `initial_value`) makes it construct, but the variable is
still a backend-native tf.Variable that Keras 3 does not track.
"""

SOURCE = "https://github.com/keras-team/keras/issues/18461"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
with the lambda initial_value the functional model builds and runs; count_params() == 306
(bias table 9x2 + qkv 8x24+24 + proj 8x8+8); the (4, 4) int relative_position_index tf.Variable is in
neither model.weights nor non_trainable_weights, so it is not saved with the model; no warning."""

import numpy as np
import tensorflow as tf
import keras
from keras import ops


class WindowAttention(keras.layers.Layer):
    def __init__(self, dim, window_size=2, num_heads=2, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.window_size = window_size
        self.num_heads = num_heads
        self.qkv = keras.layers.Dense(dim * 3)
        self.proj = keras.layers.Dense(dim)

    def build(self, input_shape):
        ws = self.window_size
        num_window_elements = (2 * ws - 1) ** 2
        self.relative_position_bias_table = self.add_weight(
            shape=(num_window_elements, self.num_heads), initializer="zeros", name="bias_table"
        )
        coords = np.stack(np.meshgrid(np.arange(ws), np.arange(ws), indexing="ij")).reshape(2, -1)
        rel = (coords[:, :, None] - coords[:, None, :]).transpose(1, 2, 0) + (ws - 1)
        relative_position_index = rel[..., 0] * (2 * ws - 1) + rel[..., 1]
        self.relative_position_index = tf.Variable(
            initial_value=lambda: tf.convert_to_tensor(relative_position_index), trainable=False
        )
        self.qkv.build(input_shape)
        self.proj.build(input_shape)

    def call(self, x):
        # x: (batch, tokens=ws*ws, dim)
        n = self.window_size ** 2
        head_dim = self.dim // self.num_heads
        qkv = ops.reshape(self.qkv(x), (-1, n, 3, self.num_heads, head_dim))
        qkv = ops.transpose(qkv, (2, 0, 3, 1, 4))
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = ops.matmul(q, ops.transpose(k, (0, 1, 3, 2))) / np.sqrt(head_dim)
        idx = ops.reshape(self.relative_position_index, (-1,))
        bias = ops.take(self.relative_position_bias_table, idx, axis=0)
        bias = ops.transpose(ops.reshape(bias, (n, n, -1)), (2, 0, 1))
        attn = ops.softmax(attn + bias[None], axis=-1)
        out = ops.transpose(ops.matmul(attn, v), (0, 2, 1, 3))
        return self.proj(ops.reshape(out, (-1, n, self.dim)))


def build_model():
    inputs = keras.Input((4, 8))
    outputs = WindowAttention(8, window_size=2, num_heads=2)(inputs)
    return keras.Model(inputs, outputs)
