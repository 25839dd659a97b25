"""A TensorFlow port of Swin Transformer V2's window attention stores the learnable cosine-attention
temperature as `self.tau = tf.math.maximum(tf.Variable(0.01, trainable=True), tf.constant(0.01))`:
the freshly made variable is wrapped in an op at once, so `self.tau` is a constant tensor and the
variable itself is dropped.

From phantng/SwinTransformerV2-TensorFlow (`backbone/swin_transformer_v2.py`), a port of Microsoft's
PyTorch Swin V2 (where `logit_scale`/tau is an `nn.Parameter` clamped in `forward()`). The author moved
the clamp into `__init__`, next to the variable: the temperature is never trained, never counted and
never saved. The same layer keeps the log-spaced relative-position table, the analogue of the torch
`register_buffer`, as `tf.Variable(..., trainable=False)` (Keras 3 does not track it either; it is a
constant anyway, so only its saving is lost).

Porting edits: `tensorflow_addons.layers.GELU` -> `keras.layers.Activation("gelu")` through
`functools.partial` (tfa is not installed); `from tensorflow.keras import layers` -> `from keras import
layers`; only `MLP` and `WindowAttention` kept (the block, patch merging and stages dropped);
`build_model()` wires one `WindowAttention` (dim 8, window 2x2, 2 heads, meta-MLP width 8) on a
fixed batch of 2 windows of 4 tokens, as the author's static-shape `call()` needs.
"""

SOURCE = "https://github.com/phantng/SwinTransformerV2-TensorFlow/blob/4d92766a75ee21ff041e404820c216f4c48c1655/backbone/swin_transformer_v2.py"
CODES = ("LD010", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ah_swinv2tf_tau_variable_wrapped_in_maximum.py:
as returned: Functional, count_params() = 330, 8 weights, unbuilt: none
after call: count_params() = 330, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'window_attention': 330, 'mlp': 42}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine31b/probe_swin.py): WindowAttention.tau is an EagerTensor (0.01), not a variable,
so no tape ever sees it; 330 = qkv 216 + proj 72 + meta-MLP 42, the temperature is missing; one fit
step (SGD 0.5, mse) leaves tau at 0.01; relative_position_index is a tf.ResourceVariable that is not
among the layer's weights (not saved)."""

import functools

import numpy as np
import tensorflow as tf
import keras
from keras import layers
from keras.initializers import TruncatedNormal, Zeros

GELU = functools.partial(layers.Activation, "gelu")

dense_weight_init = dict(
    kernel_initializer=TruncatedNormal(stddev=.02),
    bias_initializer=Zeros()
)


class MLP(layers.Layer):
    def __init__(self,
                 in_features,
                 hidden_features=None,
                 out_features=None,
                 act_layer=GELU,
                 dropout=0.0):
        super(MLP, self).__init__()
        out_features = out_features or in_features
        hidden_features = hidden_features or in_features
        self.fc1 = layers.Dense(hidden_features, **dense_weight_init)
        self.act = act_layer()
        self.fc2 = layers.Dense(out_features, **dense_weight_init)
        self.dropout = layers.Dropout(rate=dropout)

    def call(self, x):
        x = self.fc1(x)
        x = self.act(x)
        x = self.dropout(x)
        x = self.fc2(x)
        x = self.dropout(x)
        return x


class WindowAttention(layers.Layer):
    """
    Window based multi-head self attention (W-MSA) module with relative position bias.
    It supports both of shifted and non-shifted window.
    """
    def __init__(self,
                 dim,
                 window_size,
                 num_heads,
                 qkv_bias=True,
                 qk_scale=None,
                 attn_dropout=0.0,
                 proj_dropout=0.0,
                 bias_meta_dim=128):
        super(WindowAttention, self).__init__()
        self.dim = dim
        self.window_size = window_size  # Wh, Ww
        self.num_heads = num_heads
        head_dim = dim // num_heads
        self.scale = qk_scale or head_dim ** -0.5

        # get pair-wise relative position index for each token inside the window
        coords_h = np.arange(self.window_size[0])
        coords_w = np.arange(self.window_size[1])
        coords = np.stack(np.meshgrid(coords_h, coords_w, indexing="ij"))  # 2, wH, wW
        coords_flatten = coords.reshape(2, -1)
        relative_coords = coords_flatten[:, :, None] - coords_flatten[:, None, :]  # 2, wH*wW, wH*wW
        relative_coords = relative_coords.transpose((1, 2, 0))  # Wh*Ww, Wh*Ww, 2

        # SwinV2 log-spaced coordinates
        relative_coords = tf.cast(relative_coords, dtype=tf.float32)
        relative_position_index = tf.math.multiply(
            tf.math.sign(relative_coords),
            tf.math.log(1 + tf.abs(relative_coords))
        )  # relative_position_index.shape == Wh*Ww, Wh*Ww, 2
        self.relative_position_index = tf.Variable(
            initial_value=relative_position_index,
            trainable=False,
            name="relative_position_index"
        )
        self.meta_dense = MLP(in_features=self.num_heads,
                              hidden_features=bias_meta_dim,
                              out_features=self.num_heads,
                              dropout=0.0)

        if not qkv_bias:
            bias_init = None
        else:
            bias_init = Zeros()
        kernel_init = TruncatedNormal(stddev=.02)
        self.qkv = layers.Dense(dim * 3, use_bias=qkv_bias, kernel_initializer=kernel_init,
                                bias_initializer=bias_init)
        # tau >= 0.01 for scaling the attention mechanism; scalar shape is inferred
        self.tau = tf.math.maximum(tf.Variable(initial_value=0.01,
                                               trainable=True,
                                               dtype=tf.float32),
                                   tf.constant(0.01),
                                   name="tau")

        self.attn_dropout = layers.Dropout(rate=attn_dropout)
        self.proj = layers.Dense(dim, **dense_weight_init)
        self.proj_dropout = layers.Dropout(rate=proj_dropout)
        self.softmax = layers.Softmax()

    def call(self, x, mask=None):
        B_, N, C = x.get_shape().as_list()
        qkv = self.qkv(x)
        qkv = tf.reshape(qkv, shape=(B_, N, 3, self.num_heads, C // self.num_heads))
        qkv = tf.transpose(qkv, perm=(2, 0, 3, 1, 4))
        q, k, v = qkv[0], qkv[1], qkv[2]

        # scaled dot product attention replaced by scaled cosine attention
        k = tf.transpose(k, perm=(0, 1, 3, 2))
        dot_qk = q @ k
        q_l2 = tf.linalg.norm(q, ord="euclidean", name="q_l2_norm")
        k_l2 = tf.linalg.norm(k, ord="euclidean", name="k_l2_norm")
        attn = tf.math.divide(dot_qk, tf.math.multiply(q_l2, k_l2))
        attn = tf.math.divide(attn, self.tau)

        relative_position_bias = self.meta_dense(self.relative_position_index)  # Wh*Ww, Wh*Ww, nH
        relative_position_bias = tf.transpose(relative_position_bias, perm=(2, 0, 1))
        attn = attn + tf.expand_dims(relative_position_bias, axis=0)
        attn = self.softmax(attn)
        attn = self.attn_dropout(attn)

        x = tf.transpose((attn @ v), perm=(0, 2, 1, 3))
        x = tf.reshape(x, shape=(-1, N, C))
        x = self.proj(x)
        x = self.proj_dropout(x)
        return x


def build_model():
    inputs = keras.Input(shape=(4, 8), batch_size=2)
    outputs = WindowAttention(8, (2, 2), num_heads=2, bias_meta_dim=8)(inputs)
    return keras.Model(inputs, outputs)
