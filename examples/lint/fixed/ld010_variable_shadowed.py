"""Fixed twin of ld010_variable_shadowed.py: the variable stays in self.kernel.

The transpose is applied in call(), on every call, to the current value of the variable.
"""

import keras
from keras import ops


class TiedOutput(keras.layers.Layer):
    """Stores the kernel as (units, features), like an embedding matrix, and projects with it."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(self.units, input_shape[-1]), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        return ops.matmul(inputs, ops.transpose(self.kernel)) + self.bias


def build_model():
    inputs = keras.Input((4,))
    outputs = TiedOutput(3)(inputs)
    return keras.Model(inputs, outputs)
