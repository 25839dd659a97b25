# LD003 foreign-variable: tf.Variables made by a module-level helper, stored directly or after unpacking
import keras
import numpy as np
import tensorflow as tf

CASE, TITLE = "LD003d", "tf.Variables returned by a module-level helper (one, or a pair unpacked into a list)"


def glorot_variable(rows, cols, name):
    limit = np.sqrt(6.0 / (rows + cols))
    return tf.Variable(np.random.uniform(-limit, limit, (rows, cols)).astype("float32"), name=name)


def low_rank_pair(rows, cols, rank):
    left = tf.Variable(tf.random.normal((rows, rank)), name="left")
    right = tf.Variable(tf.random.normal((rank, cols)), name="right")
    return left, right


def keras_variable(rows, cols):
    return keras.Variable(keras.random.normal((rows, cols)))


class LowRankDense(keras.layers.Layer):
    def __init__(self, units, rank=2, **kwargs):
        super().__init__(**kwargs)
        self.units, self.rank = units, rank

    def build(self, input_shape):
        self.kernel = glorot_variable(input_shape[-1], self.units, "kernel")  # LD003
        self.factors = []
        left, right = low_rank_pair(input_shape[-1], self.units, self.rank)
        self.factors.append(left)  # LD003
        self.factors.append(right)

    def call(self, x):
        return tf.matmul(x, self.kernel + tf.matmul(self.factors[0], self.factors[1]))


class KerasVariableDense(keras.layers.Layer):
    """The correct twin: the helper returns a keras.Variable, which Keras 3 tracks."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = keras_variable(input_shape[-1], self.units)

    def call(self, x):
        return keras.ops.matmul(x, self.kernel)
