# LD005 unbuilt-sublayer: a projection made in __init__ that call() runs only when the input's width differs
# from the layer's (`if inputs.shape[-1] != self.units: inputs = self.project(inputs)`, keras.io's gated
# residual network, tests/heldout31). Measured on Keras 3.15.1 + TF 2.21 (/tmp/p34/probe.py, these classes):
# an instance fed `units`-wide inputs keeps `project` unbuilt (0 params) and Keras warns that the layer
# "looks like it has unbuilt state". The twin makes the projection in build() only when the widths differ.
import keras
import numpy as np


class Residual(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units)
        self.project = keras.layers.Dense(units)  # LD005

    def call(self, inputs):
        x = self.dense(inputs)
        if inputs.shape[-1] != self.units:
            inputs = self.project(inputs)
        return inputs + x


class ResidualTwin(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units)
        self.project = None

    def build(self, input_shape):
        self.dense.build(input_shape)
        if input_shape[-1] != self.units:
            self.project = keras.layers.Dense(self.units)
            self.project.build(input_shape)

    def call(self, inputs):
        x = self.dense(inputs)
        if self.project is not None:
            inputs = self.project(inputs)
        return inputs + x


def build_model():
    inputs = keras.Input((4,))
    x = Residual(4)(inputs)
    outputs = ResidualTwin(4)(ResidualTwin(2)(x))
    model = keras.Model(inputs, outputs)
    model(np.ones((1, 4), "float32"))
    return model
