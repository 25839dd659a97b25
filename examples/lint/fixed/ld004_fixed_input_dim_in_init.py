"""Fixed twin of ld004_fixed_input_dim_in_init.py: the kernel is sized in `build(input_shape)`."""

import keras
from keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.b = self.add_weight(shape=(units,), initializer="zeros", name="b")

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="w")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


def build_model():
    inputs = keras.Input((4,))
    outputs = Linear(3)(inputs)
    return keras.Model(inputs, outputs)
