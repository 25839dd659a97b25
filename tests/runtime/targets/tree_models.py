"""Clean models for the parameter-tree tests: nested custom layers, shared layers, tied weights."""

import keras
from keras import ops


class Block(keras.layers.Layer):
    """A custom layer holding sublayers (no build(): Keras builds them on the first call)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units, activation="relu")
        self.norm = keras.layers.LayerNormalization()

    def call(self, inputs):
        return self.norm(self.dense(inputs))


class Tower(keras.layers.Layer):
    """A custom layer inside a custom layer, with a weight of its own."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.first = Block(units)
        self.second = Block(units)

    def build(self, input_shape):
        self.gate = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="gate")

    def call(self, inputs):
        return self.second(self.first(inputs * self.gate))


class Siamese(keras.Model):
    """One encoder called twice in call(); a BatchNormalization with non-trainable statistics."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Tower(6)
        self.bn = keras.layers.BatchNormalization()
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        left, right = inputs
        return self.head(self.bn(self.encoder(left) - self.encoder(right)))


class TiedDecoder(keras.layers.Layer):
    """Decodes with the transposed kernel of an encoder Dense: tied weights."""

    def __init__(self, encoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder

    def build(self, input_shape):
        self.kernel = self.encoder.kernel  # the same variable, tracked by two layers
        self.bias = self.add_weight(shape=(self.encoder.kernel.shape[0],), initializer="zeros", name="bias")

    def call(self, inputs):
        return ops.matmul(inputs, ops.transpose(self.kernel)) + self.bias


class AutoEncoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encode = keras.layers.Dense(3)
        self.decode = TiedDecoder(self.encode)

    def call(self, inputs):
        return self.decode(self.encode(inputs))


def build_siamese():
    import numpy as np

    model = Siamese()
    inputs = [np.ones((2, 5), "float32"), np.zeros((2, 5), "float32")]
    return model, inputs


def build_autoencoder():
    return AutoEncoder()


def build_functional_nested():
    inputs = keras.Input((5,))
    shared = keras.layers.Dense(5, name="shared_dense")
    x = shared(inputs)
    x = Tower(5, name="tower")(x)
    x = shared(x)
    inner = keras.Sequential([keras.layers.Dense(4), keras.layers.Dropout(0.5), keras.layers.Dense(2)], name="inner")
    return keras.Model(inputs, inner(x), name="outer")
