# LD009 no-gradient: a Model without build() whose call() is a @tf.function runs layers kept in a list (made in
# __init__, or a list of lists handed in: graph2tensor's MessagePassing, held-out 42): Keras builds them by tracing
# call(), and the traced graph keeps their initial weights as constants
import tensorflow as tf
import keras
from keras import layers

CASE, TITLE = "LD009zy", "a traced call() builds the layers kept in a list"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s42/probe/probe_ld009zy.py): for Stack and Paths (called once eagerly, then
# under a GradientTape) every trainable weight gets a None gradient; BuiltStack (its build() builds the list) and
# EagerStack (no @tf.function) get a gradient for every weight.


class Stack(keras.Model):
    def __init__(self):
        super().__init__()
        self.blocks = [layers.Dense(8), layers.Dense(4)]  # LD009  # LD002

    @tf.function
    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class Paths(keras.Model):
    def __init__(self, convs):
        super().__init__()
        self.convs = convs  # LD009  # LD002

    @tf.function
    def call(self, inputs):
        outs = []
        for x, path in zip(inputs, self.convs):
            for layer in path:
                x = layer(x)
            outs.append(x)
        return tf.add_n(outs)


class BuiltStack(Stack):
    def build(self, input_shape):
        for block in self.blocks:
            block.build(input_shape)
            input_shape = (*input_shape[:-1], block.units)


class EagerStack(keras.Model):
    def __init__(self):
        super().__init__()
        self.blocks = [layers.Dense(8), layers.Dense(4)]

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


def build():
    path = [layers.Dense(4), layers.Dense(4)]
    return Stack(), Paths([path, path]), BuiltStack(), EagerStack()
