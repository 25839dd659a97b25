"""Masked Dense multiplies its kernel by a constant 0/1 mask in `build()`; the kernel stops training.

The reporter wanted to zero and freeze some connections of a dense layer, so the custom layer
stores `kernel * mask` once in `build()` and `call()` uses that product. "This approach used to
work in tensorflow 1" (graph mode re-evaluates the product each step); in TF 2 eager the product is
a constant computed outside the GradientTape, and the answer on the issue confirms it.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/47053"
CODES = ("LD010", "LD009")  # a frozen copy of the weight used in its place (LD010); the weight gets no gradient (LD009)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 171; under GradientTape on a (2, 10) batch the MaskedDense kernel gets a None
gradient (its bias and the second Dense still get gradients); no warning at call time (fit would
warn "Gradients do not exist for variables")."""

import numpy as np

import keras
from keras import ops


class MaskedDense(keras.layers.Layer):
    def __init__(self, units, mask, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.mask_values = np.asarray(mask, dtype="float32")
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[-1], self.units), initializer="glorot_uniform"
        )
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")
        self.mask = ops.convert_to_tensor(self.mask_values)
        self.masked_kernel = self.kernel * self.mask

    def call(self, inputs):
        return self.activation(ops.matmul(inputs, self.masked_kernel) + self.bias)


def build_model():
    rng = np.random.default_rng(0)
    mask = (rng.random((10, 12)) > 0.5).astype("float32")
    model = keras.Sequential([
        keras.Input(shape=(10,)),
        MaskedDense(12, mask, activation="relu"),
        keras.layers.Dense(3),
    ])
    return model
