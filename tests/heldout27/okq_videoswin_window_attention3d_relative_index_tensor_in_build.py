"""Video Swin's `TFWindowAttention3D` (a `keras.Model` used as a layer): the relative-position bias
table is an `add_weight` made in `build()`, and the integer relative-position index is a plain
`tf` tensor computed in `build()` and stored on `self`, then read with `tf.gather` in `call()`.

From innat/VideoSwin (`videoswin/layers/attention.py`). Looks like the "raw tensor stored on self
in build" and "relative position bias gathered from a table" traps, but the stored tensor is an
integer index (not a weight: it is meant to be constant), the bias table is a tracked trainable
weight that gets a gradient through `tf.gather`, and the qkv/proj `Dense` layers are built by the
symbolic call.

Porting edits: `from tensorflow import keras` / `tensorflow.keras.layers` -> `keras` (the class body,
written with `tf.*` ops, unchanged; the docstring's Args list dropped); `build_model()` wires it on a (2, 2, 2) window
of 8 tokens with dim 8 and 2 heads in a functional model.
"""

SOURCE = "https://github.com/innat/VideoSwin/blob/15c0a3459a707583a9676c779c250766cd801b24/videoswin/layers/attention.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okq_videoswin_window_attention3d_relative_index_tensor_in_build.py:
as returned: Functional, count_params() = 342, 5 weights, unbuilt: none
after call: count_params() = 342, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tf_window_attention3d': 342}
second call: 0 variables watched that the first call did not use
(342 = qkv 8*24+24 + proj 8*8+8 + bias table 27*2; the table gets a gradient through tf.gather.)"""

import tensorflow as tf
import keras
from keras import layers


class TFWindowAttention3D(keras.Model):
    """ Window based multi-head self attention (W-MSA) module with relative position bias.
    It supports both of shifted and non-shifted window.
    """

    def __init__(
        self,
        dim,
        window_size,
        num_heads,
        qkv_bias=True,
        qk_scale=None,
        attn_drop=0.,
        proj_drop=0.,
        **kwargs
    ):
        super().__init__(**kwargs)
        # variables
        self.dim = dim
        self.window_size = window_size
        self.num_heads = num_heads
        head_dim = dim // num_heads
        self.scale = qk_scale or head_dim ** -0.5

        # layers
        self.qkv = layers.Dense(dim * 3, use_bias=qkv_bias)
        self.attn_drop = layers.Dropout(attn_drop)
        self.proj = layers.Dense(dim)
        self.proj_drop = layers.Dropout(proj_drop)

    def get_relative_position_index(self, window_depth, window_height, window_width):
        y_y, z_z, x_x = tf.meshgrid(
            range(window_width), range(window_depth), range(window_height)
        )
        coords = tf.stack([z_z, y_y, x_x], axis=0)
        coords_flatten = tf.reshape(coords, [3, -1])
        relative_coords = coords_flatten[:, :, None] - coords_flatten[:, None, :]
        relative_coords = tf.transpose(relative_coords, perm=[1, 2, 0])
        z_z = (relative_coords[:, :, 0] + window_depth  - 1) * (2 * window_height - 1) * (2 * window_width - 1)
        x_x = (relative_coords[:, :, 1] + window_height - 1) * (2 * window_width - 1)
        y_y = (relative_coords[:, :, 2] + window_width  - 1)
        relative_coords = tf.stack([z_z, x_x, y_y], axis=-1)
        return tf.reduce_sum(relative_coords, axis=-1)

    def build(self, input_shape):
        self.relative_position_bias_table = self.add_weight(
            shape=(
                (2 * self.window_size[0] - 1) *
                (2 * self.window_size[1] - 1) *
                (2 * self.window_size[2] - 1),
                self.num_heads,
            ),
            initializer="zeros",
            trainable=True,
            name="relative_position_bias_table",
        )
        self.relative_position_index = self.get_relative_position_index(
            self.window_size[0], self.window_size[1], self.window_size[2]
        )
        super().build(input_shape)

    def call(self, x, mask=None, return_attns=False, training=None):
        input_shape = tf.shape(x)
        B_,N,C = (
            input_shape[0],
            input_shape[1],
            input_shape[2],
        )

        qkv = self.qkv(x)
        qkv = tf.reshape(qkv, [B_, N, 3, self.num_heads, C // self.num_heads])
        qkv = tf.transpose(qkv, perm=[2, 0, 3, 1, 4])
        q, k, v = tf.split(qkv, 3, axis=0)

        q = tf.squeeze(q, axis=0) * self.scale
        k = tf.squeeze(k, axis=0)
        v = tf.squeeze(v, axis=0)
        attn = tf.linalg.matmul(q, k, transpose_b=True)

        relative_position_bias = tf.gather(
            self.relative_position_bias_table, self.relative_position_index[:N, :N]
        )
        relative_position_bias = tf.reshape(relative_position_bias, [N, N, -1])
        relative_position_bias = tf.transpose(relative_position_bias, perm=[2, 0, 1])
        attn = attn + relative_position_bias[None, ...]

        if mask is not None:
            nW = tf.shape(mask)[0]
            mask = tf.cast(mask, dtype=attn.dtype)
            attn = tf.reshape(attn, [B_ // nW, nW, self.num_heads, N, N]) + mask[:, None, :, :]
            attn = tf.reshape(attn, [-1, self.num_heads, N, N])

        attn = tf.nn.softmax(attn, axis=-1)
        attn = self.attn_drop(attn, training=training)

        x = tf.linalg.matmul(attn, v)
        x = tf.transpose(x, perm=[0, 2, 1, 3])
        x = tf.reshape(x, [B_, N, C])
        x = self.proj(x)
        x = self.proj_drop(x, training=training)

        if return_attns:
            return x, attn
        return x


def build_model():
    inputs = keras.Input((8, 8))
    outputs = TFWindowAttention3D(dim=8, window_size=(2, 2, 2), num_heads=2)(inputs)
    return keras.Model(inputs, outputs)
