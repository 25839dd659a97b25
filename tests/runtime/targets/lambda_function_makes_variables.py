"""A Lambda whose function creates variables (held-out 13's A-CNNCrispr: an attention helper makes
W and b with tf.Variable and is wired as Lambda(lambda x: helper(x))). Keras 3 infers the Lambda's
output shape by tracing the function while the model is wired; the tf.Variable created in that
trace cannot be lifted out of it, and Keras raises only "could not automatically infer the shape of
the Lambda's output". Inspect reports LD002 (variables made per run, at the line making them) and
LD012 (the Lambda tracks none) instead of a bare build failure. Twins: a function drawing random
noise or reading a constant table (no variable) builds and is clean.
test_runtime_fix13c_inspect.py measures Keras first."""

import tensorflow as tf
from tensorflow.keras.layers import Dense, Flatten, Input, Lambda


def attention(inputs):
    steps = inputs.shape[1]
    W = tf.Variable(tf.random.uniform(shape=(steps, steps)))
    b = tf.Variable(tf.random.uniform(shape=(steps,)))
    x = tf.transpose(inputs, (0, 2, 1))
    return tf.transpose(tf.nn.softmax(tf.tensordot(x, W, axes=1) + b) * x, (0, 2, 1))


def _head(x, inputs):
    return tf.keras.Model(inputs, Dense(1)(Flatten()(x)))


def helper_in_lambda():
    """The case's spelling: a module helper called from a lambda."""
    inputs = Input((6, 4))
    return _head(Lambda(lambda x: attention(x))(Dense(4)(inputs)), inputs)


def scaled(x):
    scale = tf.Variable(tf.ones((x.shape[-1],)), name="scale")
    return x * scale


def function_in_lambda():
    """A def passed directly, making one variable."""
    inputs = Input((6, 4))
    return _head(Lambda(scaled)(inputs), inputs)


class Gates:
    def gate(self, x):
        self.w = tf.Variable(tf.zeros((x.shape[-1], x.shape[-1])))
        return tf.sigmoid(tf.matmul(x, self.w))


def bound_method_in_lambda():
    """A bound method of a helper object, storing its variable on itself."""
    inputs = Input((4,))
    return tf.keras.Model(inputs, Dense(1)(Lambda(Gates().gate)(inputs)))


def noise(x):
    return x + tf.random.uniform(tf.shape(x)) * 0.01


def noise_in_lambda():
    """Twin: random values, no variable."""
    inputs = Input((6, 4))
    return _head(Lambda(noise)(inputs), inputs)


TABLE = tf.constant([[0.5, 1.0, 1.5, 2.0]])


def table_in_lambda():
    """Twin: a constant table read by the function."""
    inputs = Input((4,))
    return tf.keras.Model(inputs, Dense(1)(Lambda(lambda x: x * TABLE)(inputs)))
