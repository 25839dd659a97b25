"""LD004 fixed-input-dim-in-init: the kernel's input size is passed in by hand.

It works as long as every input has exactly `input_dim` features; a wrong `input_dim` or a
change upstream fails later, at the matrix product, far from this constructor.
"""

import keras
from keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.w = self.add_weight(shape=(input_dim, units), initializer="glorot_uniform", name="w")  # LD004
        self.b = self.add_weight(shape=(units,), initializer="zeros", name="b")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


def build_model():
    inputs = keras.Input((4,))
    outputs = Linear(3, input_dim=4)(inputs)
    return keras.Model(inputs, outputs)
