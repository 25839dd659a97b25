# LD011 untracked-container: a tf.Module that keeps Keras layers, in code that reads its variable lists (xlnwel/grl's
# networks, held-out 40): on Keras 3 tf.Module finds no Keras variable
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s40/probe_ld011y.py): after a call, QNetwork().trainable_variables and
# .variables are empty while its Dense layers hold 4 weights, and Trunk (a layer made by a parameter's default class)
# lists none of its 2 either; Head, a keras.layers.Layer holding the same, lists its 2 weights.
import tensorflow as tf
from tensorflow.keras import layers


class Module(tf.Module):
    def get_weights(self):
        return [v.numpy() for v in self.variables]


class QNetwork(Module):
    def __init__(self, units=8, actions=2):
        super().__init__()
        self.hidden = layers.Dense(units)  # LD011
        self.out = layers.Dense(actions)

    def __call__(self, x):
        return self.out(self.hidden(x))


class Trunk(Module):
    def __init__(self, units=8, layer_type=layers.Dense):
        super().__init__()
        dense = layer_type
        self.blocks = [dense(units)]  # LD011

    def __call__(self, x):
        return self.blocks[0](x)


class Head(layers.Layer):
    """Correct: a Keras layer tracks its sublayers."""

    def __init__(self, actions=2, **kwargs):
        super().__init__(**kwargs)
        self.out = layers.Dense(actions)

    def call(self, x):
        return self.out(x)


class Schedule(tf.Module):
    """Correct: a tf.Module holding tf.Variables only, which it finds."""

    def __init__(self):
        super().__init__()
        self.step = tf.Variable(0, trainable=False)
