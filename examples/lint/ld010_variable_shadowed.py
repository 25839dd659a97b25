"""LD010 variable-shadowed: the kernel variable is replaced by its transpose in build().

`self.kernel` now holds a tensor computed once from the initial value. On TensorFlow and JAX
the variable is still counted, but call() reads the stale copy: no gradient, never trained.
tf.keras 2 drops the variable from `layer.weights` altogether. (On torch the transpose is a
view and happens to train.)
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
        self.kernel = ops.transpose(self.kernel)  # LD010
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias


def build_model():
    inputs = keras.Input((4,))
    outputs = TiedOutput(3)(inputs)
    return keras.Model(inputs, outputs)
