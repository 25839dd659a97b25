"""Targets for tests/runtime/test_runtime_missing_call_and_dict_inputs.py (held-out 10 shapes,
spelt differently): a layer whose `def call` sits inside __init__, one with a misspelt call, a model
built on a dict of inputs, and a Lambda whose function makes variables."""

import numpy as np
import tensorflow as tf
import keras


class Mixer(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.proj = keras.layers.Dense(units)

        def call(self, x):  # indented one level too deep: a local of __init__
            return self.proj(x)


class Gate(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.inner = keras.layers.Dense(units)

    def forward(self, x):  # a torch habit: Keras never calls it
        return self.inner(x)


class Net(keras.Model):
    def __init__(self, block):
        super().__init__()
        self.block = block
        self.table = tf.Variable(tf.zeros((3, 4)))
        self.head = keras.layers.Dense(2)

    def call(self, x):
        return self.head(self.block(x))


def nested_call():
    model = Net(Mixer(4))
    model(np.zeros((2, 4), "float32"))
    return model


def misspelt_call():
    model = Net(Gate(4))
    model(np.zeros((2, 4), "float32"))
    return model


class Encoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = keras.layers.Embedding(50, 8)

    def call(self, inputs):
        return self.embed(inputs["token_ids"])


def dict_inputs():
    model = Encoder()
    model({"token_ids": np.array([[1, 2, 3], [4, 5, 6]])})
    return model


def scale(x):
    w = tf.Variable(2.0)
    return x * w


def lambda_variables():
    return keras.Sequential([keras.Input((3,)), keras.layers.Lambda(scale)])
