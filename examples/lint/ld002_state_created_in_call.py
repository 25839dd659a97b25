"""LD002 state-created-in-call: a sublayer and a weight tensor are created on every call.

Each call builds a fresh Dense and draws a fresh random matrix, so nothing is ever trained and
two identical calls give different outputs. Keras 3 on TensorFlow fails only in `fit`
("tf.function only supports singleton tf.Variables"); JAX and torch train nothing, silently.
"""

import tensorflow as tf
from tensorflow import keras


class ProjectionHead(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        proj = keras.layers.Dense(self.units, activation="relu")  # LD002
        return proj(inputs)


class RandomProjection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        self.w = tf.random.normal((inputs.shape[-1], self.units))  # LD002
        return tf.matmul(inputs, self.w)


def build_model():
    inputs = keras.Input((4,))
    hidden = ProjectionHead(8)(inputs)
    outputs = RandomProjection(3)(hidden)
    return keras.Model(inputs, outputs)
