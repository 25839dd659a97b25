"""Layers that set a read-only property of Keras 3's Layer on self before super().__init__() (held-out 9,
keras_unsupervised InputRandomUniform). Measured on Keras 3.15.1 + TF 2.21: `self.dtype = ...` raises
AttributeError "property 'dtype' of 'NoiseInput' object has no setter" (the same for compute_dtype,
weights, losses, input, output, path); `self.name = ...` and `self.trainable = ...` do not raise (Layer.__init__
silently resets them: the construction watch reports that as LD013 already); a sublayer or a plain
value set first is accepted on TF and JAX."""

import keras
from keras import layers, ops


class NoiseInput(layers.Layer):
    def __init__(self, shape, dtype=None, **kwargs):
        self.shape = shape
        self.dtype = dtype
        super().__init__(**kwargs)

    def call(self, x):
        return keras.random.uniform(self.shape, dtype=self.dtype)


class InputEcho(layers.Layer):
    def __init__(self, **kwargs):
        self.input = None
        super().__init__(**kwargs)

    def call(self, x):
        return x


class FixedNoiseInput(layers.Layer):
    def __init__(self, shape, dtype=None, **kwargs):
        super().__init__(dtype=dtype, **kwargs)
        self.shape = shape

    def call(self, x):
        return x + keras.random.uniform(ops.shape(x), dtype=self.compute_dtype)


class LateDtype(layers.Layer):
    """Sets dtype after super().__init__(): a read-only property, but not a late super().__init__()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dtype = "float32"

    def call(self, x):
        return x


def dtype_before_super():
    inputs = keras.Input((4,))
    noise = NoiseInput((2, 4), dtype="float32")(inputs)
    return keras.Model(inputs, layers.Add()([inputs, noise]))


def input_before_super():
    inputs = keras.Input((4,))
    return keras.Model(inputs, InputEcho()(inputs))


def dtype_after_super():
    inputs = keras.Input((4,))
    return keras.Model(inputs, LateDtype()(inputs))


def fixed():
    inputs = keras.Input((4,))
    x = FixedNoiseInput((2, 4), dtype="float32")(inputs)
    return keras.Model(inputs, layers.Dense(2)(x))


class WeightsAssigned(keras.layers.Layer):
    """Held-out 38's from-scratch dense layer: `self.weights = self.add_weight(...)` after super().__init__()."""

    def __init__(self, units, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.weights = self.add_weight(shape=(input_dim, units))

    def call(self, x):
        return ops.matmul(x, self.weights)


def weights_assigned():
    inputs = keras.Input((4,))
    return keras.Model(inputs, WeightsAssigned(2, 4)(inputs))
