"""Layers that make their weights in a method named build_model() (held-out 29's DLRT head): Keras builds a layer
with build(self, input_shape) and never runs build_model(); the model runs it on one of its two layers. The twin
names the method build."""

import keras
from keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.input_dim = input_dim

    def build_model(self):
        self.w = self.add_weight(shape=(self.input_dim, self.units), initializer="random_normal")

    def call(self, inputs):
        return ops.matmul(inputs, self.w)


class Head(keras.Model):
    def __init__(self):
        super().__init__()
        self.first = Linear(4, 3)
        self.out = Linear(2, 4)

    def build_model(self):
        self.first.build_model()

    def call(self, inputs):
        return self.out(self.first(inputs))


class LinearBuilt(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")

    def call(self, inputs):
        return ops.matmul(inputs, self.w)


def head():
    model = Head()
    model.build_model()
    return model, ops.ones((2, 3))


def head_built():
    model = keras.Sequential([LinearBuilt(4), LinearBuilt(2)])
    return model, ops.ones((2, 3))
