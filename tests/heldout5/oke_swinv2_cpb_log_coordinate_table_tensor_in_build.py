"""Correct: a Swin-V2 continuous relative position bias keeps its log-spaced coordinate table as a plain tensor made in `build()`.

SegMe (Keras 3 segmentation models) computes Swin-V2's relative position bias with a small MLP:
`RelativeBias.build()` builds a float table of log-scaled relative coordinates with NumPy and stores
`ops.cast(rel_tab, self.compute_dtype)` on `self.rel_tab`, stores an int gather index on
`self.rel_idx`, creates the `cpb` MLP (Dense 512 relu, Dense heads sigmoid) and builds it by hand.
`call()` ignores its input, runs the MLP on the stored table and gathers the bias per query/key
pair. A float table of shape (N, 2) created in `build()` and kept on `self` looks exactly like a
weight stored as a raw tensor, but it is a fixed input to the MLP by design; the MLP weights are
tracked and trained. Here the bias is added to the logits of a window self-attention block.
"""

SOURCE = "https://github.com/shkarupa-alex/segme/blob/1562675010dea281c33bb343d7275e1837f4541a/segme/common/attn/relbias.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oke_swinv2_cpb_log_coordinate_table_tensor_in_build.py:
as returned: Functional, count_params() = 448, 7 weights, unbuilt: none
after call: count_params() = 448, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'window_attention': 448, 'rel_bias': 160}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import layers, ops


class RelativeBias(layers.Layer):
    def __init__(self, query_window, key_window, pretrain_window, num_heads, cpb_units=512, **kwargs):
        super().__init__(**kwargs)
        if key_window < query_window:
            raise ValueError("Key window must be greater or equal to query one.")
        if (key_window - query_window) % 2:
            raise ValueError("Key window halo must be symmetric around query window.")
        self.query_window = query_window
        self.key_window = key_window
        self.pretrain_window = pretrain_window
        self.num_heads = num_heads
        self.cpb_units = cpb_units

    def build(self, input_shape):
        key_halo = (self.key_window - self.query_window) // 2
        rel_tab = np.arange(1 - self.query_window - key_halo, self.query_window + key_halo).astype("float32")
        rel_tab = np.stack(np.meshgrid(rel_tab, rel_tab, indexing="ij"))
        rel_tab = np.transpose(rel_tab, [1, 2, 0])[None]
        rel_tab *= 8.0 / (self.pretrain_window - 1.0)
        rel_tab = np.sign(rel_tab) * np.log1p(np.abs(rel_tab)) / np.log(8)
        rel_tab = np.reshape(rel_tab, [-1, 2])
        self.rel_tab = ops.cast(rel_tab, self.compute_dtype)

        query_idx = np.arange(self.query_window)
        query_idx = np.reshape(np.stack(np.meshgrid(query_idx, query_idx, indexing="ij"), axis=0), [2, -1])
        key_idx = np.arange(self.key_window)
        key_idx = np.reshape(np.stack(np.meshgrid(key_idx, key_idx, indexing="ij"), axis=0), [2, -1])
        rel_idx = query_idx[:, :, None] - key_idx[:, None]
        rel_idx = rel_idx + (self.key_window - 1)
        rel_idx = rel_idx[0] * (self.query_window + self.key_window - 1) + rel_idx[1]
        self.rel_idx = ops.cast(np.reshape(rel_idx, [-1]), "int32")

        self.cpb = keras.Sequential(
            [
                layers.Dense(self.cpb_units, activation="relu", kernel_initializer="he_uniform", name="expand"),
                layers.Dense(self.num_heads, activation="sigmoid", use_bias=False, name="squeeze"),
            ],
            name="cpb",
        )
        self.cpb.build((None, 2))
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        outputs = self.cpb(self.rel_tab) * 16.0
        outputs = ops.take(outputs, self.rel_idx, axis=0)
        outputs = ops.reshape(outputs, [self.query_window**2, self.key_window**2, self.num_heads])
        return ops.transpose(outputs, [2, 0, 1])[None, None]

    def compute_output_shape(self, input_shape):
        return 1, 1, self.num_heads, self.query_window**2, self.key_window**2


class WindowAttention(layers.Layer):
    """Window self-attention (query window == key window) with the Swin-V2 bias."""

    def __init__(self, window_size, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.window_size = window_size
        self.num_heads = num_heads

    def build(self, input_shape):
        channels = input_shape[-1]
        self.qkv = layers.Dense(channels * 3, name="qkv")
        self.qkv.build(input_shape)
        self.rel_bias = RelativeBias(self.window_size, self.window_size, self.window_size, self.num_heads,
                                     cpb_units=32, name="rel_bias")
        self.rel_bias.build(None)
        self.proj = layers.Dense(channels, name="proj")
        self.proj.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        batch, length, channels = ops.shape(inputs)[0], inputs.shape[1], inputs.shape[2]
        head_dim = channels // self.num_heads
        qkv = ops.reshape(self.qkv(inputs), [batch, 1, length, 3, self.num_heads, head_dim])
        qkv = ops.transpose(qkv, [3, 0, 1, 4, 2, 5])
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = ops.matmul(q, ops.swapaxes(k, -1, -2)) * head_dim**-0.5
        attn = ops.softmax(attn + self.rel_bias(inputs))
        out = ops.reshape(ops.transpose(ops.matmul(attn, v), [0, 1, 3, 2, 4]), [batch, length, channels])
        return self.proj(out)


def build_model():
    inputs = keras.Input(shape=(16, 8))  # one 4x4 window of 8 channels
    outputs = WindowAttention(window_size=4, num_heads=2)(inputs)
    return keras.Model(inputs, outputs)
