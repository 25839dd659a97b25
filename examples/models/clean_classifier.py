"""A clean model: a custom residual block with its weights made in build(), inside a functional model.

    layerdoctor inspect examples/models/clean_classifier.py     # exit 0
"""

import keras
from keras import ops


class ResidualDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.norm = keras.layers.LayerNormalization()

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        return self.norm(inputs + ops.relu(ops.matmul(inputs, self.kernel) + self.bias))


def build_model():
    inputs = keras.Input((16,), name="features")
    x = keras.layers.Dense(32, activation="relu")(inputs)
    x = ResidualDense(32)(x)
    x = ResidualDense(32)(x)
    outputs = keras.layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="clean_classifier")
