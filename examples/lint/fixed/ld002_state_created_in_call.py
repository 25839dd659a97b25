"""Fixed twin of ld002_state_created_in_call.py: state is created once, call() only uses it.

Sublayers are created in `__init__`, weights whose shape depends on the input in `build()`.
"""

import tensorflow as tf
from tensorflow import keras


class ProjectionHead(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = keras.layers.Dense(units, activation="relu")

    def call(self, inputs):
        return self.proj(inputs)


class RandomProjection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer=keras.initializers.RandomNormal(stddev=1.0),
            name="w",
        )

    def call(self, inputs):
        return tf.matmul(inputs, self.w)


def build_model():
    inputs = keras.Input((4,))
    hidden = ProjectionHead(8)(inputs)
    outputs = RandomProjection(3)(hidden)
    return keras.Model(inputs, outputs)
