"""Tensors call() stores on self: an output kept for the user (read back only by a property, for
plotting) is no weight state; a tensor call() makes and reads as a weight is LD002.
test_runtime_kept_outputs.py measures Keras first."""

import keras
import tensorflow as tf


class KeepsMask(keras.layers.Layer):
    """TabNet-style: the mask is kept on self with a leading axis added, the batch second."""

    def __init__(self):
        super().__init__()
        self.proj = keras.layers.Dense(4)
        self._mask = None

    def call(self, x):
        mask = tf.nn.softmax(self.proj(x))
        self._mask = tf.expand_dims(mask, 0)  # (1, batch, 4): batch not first
        return x * mask

    @property
    def mask_for_plotting(self):
        return self._mask


class KeepsAttention(keras.layers.Layer):
    """D2L-style (held-out 44): attention weights computed from the inputs, kept on self for plotting and
    read again in the same call, after the store; heads folded into the leading axis, so it is not the batch."""

    def __init__(self):
        super().__init__()
        self.proj = keras.layers.Dense(8)

    def call(self, x):
        queries = tf.reshape(self.proj(x), (-1, 2, 2))  # (batch * 2 heads, 2, 2)
        scores = tf.matmul(queries, queries, transpose_b=True)
        self.attention_weights = tf.nn.softmax(scores)
        return tf.reshape(tf.matmul(self.attention_weights, queries), (-1, 8))


class KernelPerCall(keras.layers.Layer):
    """A kernel made in call() and read back as a weight: new on every call (LD002)."""

    def __init__(self):
        super().__init__()
        self.kernel = None

    def call(self, x):
        self.kernel = tf.random.normal((4, 3))
        return tf.matmul(x, self.kernel)


def keeps_mask():
    inputs = keras.Input((4,))
    return keras.Model(inputs, KeepsMask()(inputs))


def keeps_attention():
    inputs = keras.Input((4,))
    return keras.Model(inputs, KeepsAttention()(inputs))


def kernel_per_call():
    inputs = keras.Input((4,))
    return keras.Model(inputs, KernelPerCall()(inputs))
