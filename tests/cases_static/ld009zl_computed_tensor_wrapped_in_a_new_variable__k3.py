# LD009 no-gradient: call() wraps a tensor computed by a sublayer in a new tf.Variable to edit it with
# .assign(): a variable made from a value is a leaf, so the sublayer's weights get no gradient (tests/heldout23
# xuance DCG payoff network); LD002 reports the variable made on every call. From the input only: a warning.
# A Variable of a shape-only value (zeros_like) is LD002's alone.
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f23/measure_ld009zl.py): the gradients of
# Payoff's Dense kernel and bias are None; through Scratch, the gradient of the Dense before it is None;
# KeepsTransitions' and ReturnsBothPaths' Dense gradients are not None.
import keras
import tensorflow as tf


class Payoff(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mlp = keras.layers.Dense(4)

    def call(self, x):
        payoffs = tf.reshape(self.mlp(x), (-1, 2, 2))
        payoffs = tf.Variable(payoffs)  # LD002  # LD009
        payoffs[:, 0].assign(tf.reverse(payoffs[:, 0], axis=[-1]))
        return tf.reduce_mean(payoffs, axis=1)


class Scratch(keras.layers.Layer):
    def call(self, x):
        buffer = tf.Variable(x * 2.0)  # LD002  # LD009 (warning: from the input)
        buffer[:, 0].assign(tf.zeros_like(x[:, 0]))
        return tf.convert_to_tensor(buffer)


class ZerosScratch(keras.layers.Layer):
    def call(self, x):
        buffer = tf.Variable(tf.zeros_like(x))  # LD002
        return x + buffer


class KeepsTransitions(keras.layers.Layer):
    """The variable is kept on self for decoding, the output is the sublayer's: the Dense trains (LD002 only)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(4)

    def call(self, x):
        logits = self.dense(x)
        self.transitions = tf.Variable(logits[0], trainable=False)  # LD002
        return logits


class ReturnsBothPaths(keras.layers.Layer):
    """The output adds the sublayer's result to the variable's: the Dense still gets a gradient (LD002 only)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(4)

    def call(self, x):
        h = self.dense(x)
        snapshot = tf.Variable(h)  # LD002
        return tf.convert_to_tensor(snapshot) + h
