"""LD009 no-gradient: two trainable weights that training never changes.

`gate` is read only through `stop_gradient` and `bias` is never read. Both are counted as
trainable; TensorFlow and torch give them a `None` gradient (`fit` warns "Gradients do not
exist for variables [...]"), JAX gives zeros and says nothing.
"""

import keras
from keras import ops


class GatedLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.gate = self.add_weight(shape=(self.units,), initializer="zeros", name="gate")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")  # LD009

    def call(self, inputs):
        gate = ops.sigmoid(ops.stop_gradient(self.gate))  # LD009
        return gate * ops.matmul(inputs, self.kernel)


def build_model():
    inputs = keras.Input((4,))
    outputs = GatedLinear(3)(inputs)
    return keras.Model(inputs, outputs)
