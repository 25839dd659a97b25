"""Fixed twin of ld006_private_weight_list.py: no hand-made weight lists.

Sublayers stored as attributes are tracked; building them in `build()` is enough.
"""

import keras
from keras import ops


class Residual(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Dense(units)

    def build(self, input_shape):
        self.inner.build(input_shape)

    def call(self, inputs):
        return inputs + self.inner(inputs)


class GatedDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units)
        self.gate = keras.layers.Dense(units, activation="sigmoid")

    def build(self, input_shape):
        self.dense.build(input_shape)
        self.gate.build(input_shape)

    def call(self, inputs):
        return ops.multiply(self.dense(inputs), self.gate(inputs))


def build_model():
    inputs = keras.Input((4,))
    hidden = Residual(4)(inputs)
    outputs = GatedDense(3)(hidden)
    return keras.Model(inputs, outputs)
