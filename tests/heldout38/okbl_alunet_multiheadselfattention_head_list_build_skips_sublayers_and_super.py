"""A multi-head self-attention layer keeps its heads in a Python list filled in `__init__`, and has a `build()` that
adds its own weight but neither builds the heads/normalisations nor calls `super().build()`: all of it works on Keras 3.

From domschl/ALU_Net (`keras_custom_layers.py`, a hobby project training networks to do integer arithmetic).
`MultiHeadSelfAttention(heads, units)` appends `heads` `SelfAttention` layers to `self.mhsa = []`, and holds a
Concatenate, a Permute, two LayerNormalizations and a ReLU; its `build()` (with the `super().build` call commented
out) only adds `w_heads`. `SelfAttention` likewise makes its key/query/value (and optional `scale`) weights in a
`build()` without `super().build()`. Look-alikes of LD005 (sublayers not built by `build()`), LD011 (layers in a
list) and the "missing `super().build()`" myth: Keras 3 tracks the list, builds each head on its first call, and
marks the layers built after `build()`.

Porting edits: none to the two classes (the file's other classes are left out). build_model() wires
MultiHeadSelfAttention(heads=2, units=4) on (8, 16) sequences in a functional model.
"""

SOURCE = "https://github.com/domschl/ALU_Net/blob/01d7abb569491cd9566496d607979be52ba53f58/keras_custom_layers.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bl/okbl_alunet_multiheadselfattention_head_list_build_skips_sublayers_and_super.py:
as returned: Functional, count_params() = 448, 13 weights, unbuilt: none
after call: count_params() = 448, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_head_self_attention': 448, 'self_attention_1': 128, 'self_attention': 128}
second call: 0 variables watched that the first call did not use
448 = 2 heads x 128 (w1 4x8 + w2/w3/w4 8x4) + w_heads 16x8 + two LayerNormalizations over 16 features (2x32).
inline probe (not kept): a GradientTape on an mse loss gives a non-zero gradient for all 13 weights (the two heads' w1..w4, w5, both
LayerNormalizations' gamma and beta); probe_bl.py: one SGD(0.1) epoch moves 11 of 13 beyond np.allclose tolerance (the two gammas
have gradients ~2e-6)."""

import tensorflow as tf
import numpy as np
import tensorflow.keras as keras
from tensorflow.keras import layers
import math


class SelfAttention(layers.Layer):
    def __init__(self, units=None, **kwargs):
        super(SelfAttention, self).__init__(**kwargs)
        self.pm = layers.Permute((2,1))
        self.units = units
        self.softmax = layers.Softmax()

    def build(self, input_shape):
        # super(SelfAttention, self).build(input_shape)
        self.fact = math.sqrt(input_shape[1])
        if self.units is None:
            dim2 = input_shape[1]
        else:
            dim2 = self.units
            self.scale = self.add_weight(shape=(dim2, input_shape[1]),
                                      initializer="random_normal", name='w1', trainable=True)
        self.w_keys = self.add_weight(shape=(input_shape[1], dim2),
                                      initializer="random_normal", name='w2', trainable=True)
        self.w_queries = self.add_weight(shape=(input_shape[1], dim2),
                                      initializer="random_normal", name='w3', trainable=True)
        self.w_values = self.add_weight(shape=(input_shape[1], dim2),
                                      initializer="random_normal", name='w4', trainable=True)

    def get_config(self):
        config = super().get_config()
        config.update({
            'units': self.units
        })
        return config

    def call(self, inputs):
        ip = self.pm(inputs)
        vk = tf.matmul(ip, self.w_keys)
        vq = tf.matmul(ip, self.w_queries)
        vv = tf.matmul(ip, self.w_values)
        kq = tf.matmul(vk, vq, transpose_b=True)/self.fact
        sm = self.softmax(kq)
        # print(f"sm={sm.shape}, vv={vv.shape}")
        out = tf.matmul(sm, self.pm(vv), transpose_b=True)
        if self.units is not None:
            out = tf.matmul(out, self.scale)
        out = self.pm(out)
        return out


class MultiHeadSelfAttention(layers.Layer):
    def __init__(self, heads, units=None, **kwargs):
        super(MultiHeadSelfAttention, self).__init__(**kwargs)
        self.heads=heads
        self.units = units
        self.mhsa=[]
        for _ in range(0,self.heads):
            self.mhsa.append(SelfAttention(units=self.units))
        self.cc = layers.Concatenate(axis=1)
        self.pm = layers.Permute((2,1))
        self.ln1 = layers.LayerNormalization()
        self.ln2 = layers.LayerNormalization()
        self.relu = layers.ReLU()

    def build(self, input_shape):
        # super(SelfAttention, self).build(input_shape)
        self.w_heads = self.add_weight(shape=(self.heads * input_shape[1], input_shape[1]),
                                      initializer="random_normal", name='w5', trainable=True)

    def get_config(self):
        config = super().get_config()
        config.update({
            'heads': self.heads,
            'units': self.units
        })
        return config

    def call(self, inputs):
        xa=[]
        for i in range(0, self.heads):
            xa.append(self.mhsa[i](inputs))
        x=self.cc(xa)
        x = self.ln1(x)
        x=self.pm(x)
        x = tf.matmul(x, self.w_heads)
        x = self.pm(x)
        x = self.relu(x)
        x = self.ln2(x)
        return x


def build_model():
    inputs = keras.Input(shape=(8, 16))
    outputs = MultiHeadSelfAttention(2, units=4)(inputs)
    return keras.Model(inputs, outputs)
