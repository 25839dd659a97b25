# LD003 foreign-variable: tf.Variables unpacked from a helper's returned tuple, rebound names, and tf.keras.backend.variable
import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow import keras

CASE, TITLE = "LD003e", "self.a, self.b = helper(...) (a tf.Variable inside), K.variable(...) on Keras 3"


def lu_factors(size, seed=None):
    matrix = tf.random.uniform((size, size), seed=seed)
    lower_upper, permutation = tf.linalg.lu(matrix)
    lower_upper = tf.Variable(lower_upper, name="lower_upper")  # the name is rebound to the variable
    return lower_upper, permutation


def scale_and_shift(units):
    return keras.Variable(np.ones(units, "float32")), keras.Variable(np.zeros(units, "float32"))


class InvertibleDense(keras.layers.Layer):
    def build(self, input_shape):
        self.lower_upper, self.permutation = lu_factors(input_shape[-1], seed=3)  # LD003
        self.scale, self.shift = scale_and_shift(input_shape[-1])  # keras.Variables: tracked
        self.pair_a, self.pair_b = self._pair(input_shape[-1])  # LD003

    def _pair(self, size):
        return tf.Variable(tf.zeros((size,))), 0

    def call(self, x):
        w = tf.linalg.lu_reconstruct(self.lower_upper, self.permutation)
        return (x @ w) * self.scale + self.shift + self.pair_a


class Calibrated(keras.Model):
    def __init__(self, classes=3, **kwargs):
        super().__init__(**kwargs)
        self.logits = keras.layers.Dense(classes)
        self.temperature = K.variable(np.ones((1,), "float32"))  # LD003

    def call(self, x):
        return self.logits(x) / self.temperature
