"""Hand-written transformer attention: `multiheadAttention.call()` builds a fresh
`scaledDotProductAttention` layer per head on every call, and both layers keep their projection
matrices as `tf.Variable`s created in `build()`.

From the PerLLM repository (a Persian LLM written from scratch in TF2). `multiheadAttention.call`
loops `for _ in range(self.nHead): heads.append(scaledDotProductAttention(...)(inputs))`, so every
forward pass makes `nHead` new layers with new random wQ/wK/wV that nothing keeps: the heads are
state created per call, never tracked, never trained, and the output changes from call to call.
The output projection `self.Wo` is a `tf.Variable` assigned in `build()`, which Keras 3 does not
track either (and the inner layers' wQ/wK/wV are `tf.Variable`s too).

Porting edits: the two files (`Code/multiheadAttention.py`, `Code/dotProdAttention.py`) put in one
module; `from tensorflow import keras` unchanged (`tf.keras` resolves to Keras 3); the inputs are the
author's 2-D (tokens, features) query/key/value list (`tf.transpose(K)` only works on 2-D tensors).
"""

SOURCE = "https://github.com/alifthi/PerLLM/blob/0a131c49967cee7496a00692c4fbb857ea5ec876/Code/multiheadAttention.py"
CODES = ("LD002", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/n_perllm_multihead_attention_heads_made_in_call.py:
as returned: multiheadAttention, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 13 variables the model does not track: ['multihead_attention/query weights:0', 'multihead_attention/scaled_dot_product_attention/query weights:0', 'multihead_attention/scaled_dot_product_attention/key weights:0', 'multihead_attention/scaled_dot_product_attention/value weights:0', 'multihead_attention/scaled_dot_product_attention_1/query weights:0', 'multihead_attention/scaled_dot_product_attention_1/key weights:0']
second call: 12 variables watched that the first call did not use
Own script (/tmp/mine16b/rand_check.py): two calls on the same (5, 16) q/k/v give different outputs (max diff 0.086):
the 4 heads (12 tf.Variables) are new on every call; Wo (the 13th) is the one kept, untracked (0 weights)."""

import numpy as np
import tensorflow as tf


# scales dot product attention  (Code/dotProdAttention.py)
class scaledDotProductAttention(tf.keras.layers.Layer):
    def __init__(self, Dv, Dk, masked=False) -> None:
        super().__init__()
        self.Dk = Dk
        self.Dv = Dv
        self.masked = masked

    def build(self, inputDim):
        random = tf.random_normal_initializer()
        self.wQ = tf.Variable(initial_value=random(shape=[inputDim[0][-1], self.Dk], dtype='float'),
                              trainable=True, name='query weights')
        self.wK = tf.Variable(initial_value=random(shape=[inputDim[1][-1], self.Dk], dtype='float'),
                              trainable=True, name='key weights')
        self.wV = tf.Variable(initial_value=random(shape=[inputDim[2][-1], self.Dv], dtype='float'),
                              trainable=True, name='value weights')
        if self.masked:
            tensor = tf.ones(inputDim)
            self.mask = -1e10 * tf.Variable(initial_value=tf.linalg.band_part(tensor, 0, -1), name='value weights')

    def call(self, inputs):
        Q = tf.matmul(inputs[0], self.wQ)
        K = tf.matmul(inputs[1], self.wK)
        V = tf.matmul(inputs[2], self.wV)
        dotProd = tf.matmul(Q, tf.transpose(K)) / 64
        if self.masked:
            dotProd += self.mask
        return tf.matmul(tf.keras.activations.softmax(dotProd), V)


# Code/multiheadAttention.py
class multiheadAttention(tf.keras.layers.Layer):
    def __init__(self, Dv, Dk, nHead, masked=False):
        super().__init__()
        self.Dv = Dv
        self.Dk = Dk
        self.nHead = nHead
        self.masked = masked

    def build(self, inputDim):
        random = tf.random_normal_initializer()
        self.Wo = tf.Variable(initial_value=random(shape=[self.nHead * self.Dv, inputDim[0][-1]], dtype='float'),
                              trainable=True, name='query weights')

    def call(self, inputs):
        heads = []
        for _ in range(self.nHead):
            heads.append(scaledDotProductAttention(Dv=self.Dv, Dk=self.Dk, masked=self.masked)(inputs))
        multiHead = tf.concat(heads, axis=-1)
        return tf.matmul(multiHead, self.Wo)


def build_model():
    layer = multiheadAttention(Dv=8, Dk=8, nHead=4)
    x = np.random.default_rng(0).random((5, 16)).astype("float32")
    return layer, [x, x, x]
