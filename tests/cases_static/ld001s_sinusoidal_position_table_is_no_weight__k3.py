# LD001 raw-tensor-state: a sinusoidal position table stored as a constant is fixed by design; zeros under the same name are not
import numpy as np
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD001s", "a sinusoidal position table on self: fixed by design, unlike a zero table meant to train"
FEATURES = 8
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases2.py): both have 0 weights. The sinusoidal table is fixed
# by design ("Attention Is All You Need"); the zero table, named like a learned embedding, never trains.


class SinusoidalPositions(layers.Layer):
    """Hands-On ML's PositionalEncoding: the table is filled slice by slice with sin and cos."""

    def __init__(self, max_steps, max_dims, **kwargs):
        super().__init__(**kwargs)
        p, i = np.meshgrid(np.arange(max_steps), np.arange(max_dims // 2))
        pos_emb = np.empty((1, max_steps, max_dims))
        pos_emb[0, :, ::2] = np.sin(p / 10000 ** (2 * i / max_dims)).T
        pos_emb[0, :, 1::2] = np.cos(p / 10000 ** (2 * i / max_dims)).T
        self.positional_embedding = tf.constant(pos_emb.astype("float32"))

    def call(self, inputs):
        return inputs + self.positional_embedding[:, : tf.shape(inputs)[1], :]


class LearnedPositions(layers.Layer):
    def __init__(self, max_steps, max_dims, **kwargs):
        super().__init__(**kwargs)
        self.positional_embedding = tf.zeros((1, max_steps, max_dims))  # LD001

    def call(self, inputs):
        return inputs + self.positional_embedding[:, : tf.shape(inputs)[1], :]
