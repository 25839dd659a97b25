"""Fixed twin of ld003_foreign_variable.py: `add_weight` works on Keras 3 and tf.keras 2."""

import tensorflow as tf
from tensorflow import keras


class NativeDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer=keras.initializers.RandomNormal(stddev=0.05),
            name="kernel",
        )
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel) + self.bias


def build_model():
    inputs = keras.Input((4,))
    outputs = NativeDense(3)(inputs)
    return keras.Model(inputs, outputs)
