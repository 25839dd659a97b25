"""Kernels whose gradient is all zero (not None) on TF: through sign() only (LD009, held-out 11's
TernaryDense), versus twins where the zero comes from values (a zero-initialised LoRA `up`
projection) or a straight-through estimator gives a real gradient.
test_runtime_zero_gradient_paths.py measures Keras first."""

import keras
from keras import ops


class SignDense(keras.layers.Layer):
    def __init__(self, units, straight_through=False):
        super().__init__()
        self.units = units
        self.straight_through = straight_through

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        w = self.kernel
        q = ops.where(ops.abs(w) > 0.7 * ops.mean(ops.abs(w)), ops.sign(w), ops.zeros_like(w))
        if self.straight_through:
            q = w + ops.stop_gradient(q - w)
        return ops.matmul(x, q) + self.bias


class LoraDense(keras.layers.Layer):
    """down (random) then up (zeros): down's gradient is zero until up moves, by values only."""

    def __init__(self, units, rank=2):
        super().__init__()
        self.units, self.rank = units, rank

    def build(self, input_shape):
        self.base = self.add_weight(shape=(input_shape[-1], self.units), name="base")
        self.down = self.add_weight(shape=(input_shape[-1], self.rank), name="down")
        self.up = self.add_weight(shape=(self.rank, self.units), initializer="zeros", name="up")

    def call(self, x):
        return ops.matmul(x, self.base) + ops.matmul(ops.matmul(x, self.down), self.up)


def _model(layer):
    inputs = keras.Input((6,))
    return keras.Model(inputs, keras.layers.Dense(2)(layer(inputs)))


def sign_only():
    return _model(SignDense(4))


def sign_straight_through():
    return _model(SignDense(4, straight_through=True))


def lora_zero_up():
    return _model(LoraDense(4))
