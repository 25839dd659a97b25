"""LD001 raw-tensor-state: the kernel, bias and scale are plain tensors, not variables.

The layer runs and its outputs look plausible, but Keras sees no weights in it: the summary
counts 0 parameters, `fit` never changes them (a fixed random projection), and nothing is saved.
"""

import keras
import numpy as np
from keras import ops


class ScaledDense(keras.layers.Layer):
    """Dense projection followed by a per-unit scale."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.scale = np.ones((units,), dtype="float32")  # LD001

    def build(self, input_shape):
        self.kernel = keras.random.normal((input_shape[-1], self.units), stddev=0.05)  # LD001
        self.bias = ops.zeros((self.units,))  # LD001

    def call(self, inputs):
        return self.scale * (ops.matmul(inputs, self.kernel) + self.bias)


def build_model():
    inputs = keras.Input((4,))
    outputs = ScaledDense(3)(inputs)
    return keras.Model(inputs, outputs)
