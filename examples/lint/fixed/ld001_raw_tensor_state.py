"""Fixed twin of ld001_raw_tensor_state.py: every weight is made with `add_weight`."""

import keras
from keras import ops


class ScaledDense(keras.layers.Layer):
    """Dense projection followed by a per-unit scale."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        # The shape does not depend on the input, so it may be created here.
        self.scale = self.add_weight(shape=(units,), initializer="ones", name="scale")

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer=keras.initializers.RandomNormal(stddev=0.05),
            name="kernel",
        )
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        return self.scale * (ops.matmul(inputs, self.kernel) + self.bias)


def build_model():
    inputs = keras.Input((4,))
    outputs = ScaledDense(3)(inputs)
    return keras.Model(inputs, outputs)
