"""A model with several weight-losing bugs, each one a runtime finding.

    layerdoctor inspect examples/models/buggy_multitask.py      # exit 1

LD001 a raw tensor as a weight, LD011 heads in a plain object, LD009 a bias never used,
LD005 a sublayer never called, LD007 (info) an encoder shared by two inputs.
"""

import keras
from keras import ops


class Heads:  # a plain Python object: Keras does not look inside it
    def __init__(self):
        self.classify = keras.layers.Dense(3)
        self.regress = keras.layers.Dense(1)


class Tower(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.heads = Heads()  # LD011
        self.aux = keras.layers.Dense(2)  # LD005: never called, so never built

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")  # LD009: unused
        self.scale = keras.random.normal((self.units,))  # LD001: a tensor, not a weight

    def call(self, inputs):
        hidden = ops.tanh(ops.matmul(inputs, self.kernel) * self.scale)
        return ops.concatenate([self.heads.classify(hidden), self.heads.regress(hidden)], axis=-1)


def build_model():
    encoder = keras.layers.Dense(8, activation="relu", name="shared_encoder")  # LD007 (info)
    left = keras.Input((6,), name="left")
    right = keras.Input((6,), name="right")
    merged = keras.layers.Add()([encoder(left), encoder(right)])
    return keras.Model([left, right], Tower(4)(merged), name="buggy_multitask")
