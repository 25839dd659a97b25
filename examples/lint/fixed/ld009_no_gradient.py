"""Fixed twin of ld009_no_gradient.py: every trainable weight is read differentiably."""

import keras
from keras import ops


class GatedLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.gate = self.add_weight(shape=(self.units,), initializer="zeros", name="gate")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        gate = ops.sigmoid(self.gate)
        return gate * ops.matmul(inputs, self.kernel) + self.bias


def build_model():
    inputs = keras.Input((4,))
    outputs = GatedLinear(3)(inputs)
    return keras.Model(inputs, outputs)
