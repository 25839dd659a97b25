"""LD003 foreign-variable: tf.Variable on a Keras 3 layer.

tf.keras 2 tracked `tf.Variable` attributes; Keras 3 tracks only `keras.Variable`s. Here both
variables are invisible to Keras 3: 0 parameters, never updated by `fit`, not saved in a
`.keras` file. (On tf.keras 2 this code is correct and is not reported.)
"""

import tensorflow as tf
from tensorflow import keras


class NativeDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = tf.Variable(tf.random.normal((input_shape[-1], self.units), stddev=0.05))  # LD003
        self.bias = tf.Variable(tf.zeros((self.units,)))  # LD003

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel) + self.bias


def build_model():
    inputs = keras.Input((4,))
    outputs = NativeDense(3)(inputs)
    return keras.Model(inputs, outputs)
