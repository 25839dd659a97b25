"""A layer stores a layer *class* (`self.layer_fn = Dense`) and builds its sublayers from it.

The TF 2.0 nightly reporter got a TypeError from `layer.variables` because a class stored as an
attribute was tracked like an instance. Keeping a factory class on `self` and instantiating from it
looks like a plain object holding layers; on Keras 3 the class is ignored and the instances, stored
in a list attribute, are tracked: correct code.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/27431"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
layer.variables works (no TypeError: the class attribute is ignored); functional Input(4) -> Stack:
count_params() == 58 (Dense 4->8 = 40, Dense 8->2 = 18), all 4 weights tracked and each gets a
non-None gradient; no warning."""

import tensorflow as tf
from tensorflow import keras


class Stack(keras.layers.Layer):
    def __init__(self, sizes=(8, 2), layer_fn=keras.layers.Dense, **kwargs):
        super(Stack, self).__init__(**kwargs)
        self.layer_fn = layer_fn
        self.blocks = [self.layer_fn(size, activation="relu") for size in sizes]

    def call(self, inputs):
        x = inputs
        for block in self.blocks:
            x = block(x)
        return x


def build_model():
    inputs = keras.Input((4,))
    outputs = Stack()(inputs)
    return keras.Model(inputs, outputs)
