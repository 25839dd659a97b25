"""Functional models whose custom layer draws an unseeded random value in call(). Building one
traces call(); on JAX that raises "[JAX RNG] ... only use seeded random ops" (BEHAVIOUR.md, E3).
Imports keras only: the JAX environment has no TensorFlow."""

import keras
from keras import ops


class RandomProjection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        kernel = keras.Variable(
            keras.random.normal((inputs.shape[-1], self.units)))
        return ops.matmul(inputs, kernel)


class NoisyScale(keras.layers.Layer):
    def call(self, inputs):
        self.noise = keras.random.normal(ops.shape(inputs)[1:])
        return inputs * self.noise


class NoisyOutput(keras.layers.Layer):
    """Not state: unseeded noise added to the output (a seeding problem, not LD002)."""

    def call(self, inputs):
        return inputs + keras.random.normal(ops.shape(inputs))


def _wire(layer):
    inputs = keras.Input((4,))
    return keras.Model(inputs, layer(inputs))


def variable_in_call():
    return _wire(RandomProjection(3))


def random_tensor_on_self():
    return _wire(NoisyScale())


def noise_on_output():
    return _wire(NoisyOutput())
