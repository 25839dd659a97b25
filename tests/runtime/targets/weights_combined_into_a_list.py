"""Weights made into locals of build() and kept only combined, as an item of a list call() reads (Nested-LSTM's
cell, held-out 41), and the twin that keeps the weights themselves in the list."""

import keras
from keras import ops


class Levels(keras.layers.Layer):
    def build(self, input_shape):
        self.kernels = []
        for i in range(2):
            if i == 0:
                inputs = self.add_weight(shape=(input_shape[-1], 4), name="inputs")
                hidden = self.add_weight(shape=(4, 4), name="hidden")
                kernel = ops.concatenate([inputs, hidden], axis=0)
            else:
                kernel = self.add_weight(shape=(input_shape[-1] + 4, 4), name="level_1")
            self.kernels.append(kernel)

    def call(self, x):
        joined = ops.concatenate([x, ops.zeros((ops.shape(x)[0], 4))], axis=-1)
        return ops.matmul(joined, self.kernels[0]) + ops.matmul(joined, self.kernels[1])


class Listed(keras.layers.Layer):
    def build(self, input_shape):
        self.kernels = [self.add_weight(shape=(input_shape[-1], 4), name=f"level_{i}") for i in range(2)]

    def call(self, x):
        return ops.matmul(x, self.kernels[0]) + ops.matmul(x, self.kernels[1])


def _model(layer):
    inputs = keras.Input((3,))
    return keras.Model(inputs, layer(inputs))


def levels():
    return _model(Levels())


def listed():
    return _model(Listed())
