"""Held-out 37's inspect family: a tf.Variable made on self and rebound at once to a tensor computed from it
(MobileStyleGAN's LinearTransform), beside its twins."""

import math

import keras
import tensorflow as tf


class ScaledLinear(keras.layers.Layer):
    def __init__(self, in_ch, out_ch, **kwargs):
        super().__init__(**kwargs)
        self.scale = 1 / math.sqrt(in_ch)
        self.weight = tf.Variable(tf.random.normal([in_ch, out_ch]))
        self.weight = self.weight * self.scale

    def call(self, x):
        return tf.matmul(x, self.weight)


class KeptVariable(keras.layers.Layer):
    """Untracked on Keras 3 (LD003), but the attribute still holds the variable."""

    def __init__(self, in_ch, out_ch, **kwargs):
        super().__init__(**kwargs)
        self.scale = 1 / math.sqrt(in_ch)
        self.weight = tf.Variable(tf.random.normal([in_ch, out_ch]))

    def call(self, x):
        return tf.matmul(x, self.weight * self.scale)


class WrappedAtOnce(keras.layers.Layer):
    """SwinV2's temperature: the variable is wrapped in an op in the statement that makes it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tau = tf.math.maximum(tf.Variable(0.5, trainable=True), tf.constant(0.01))

    def call(self, x):
        return x / self.tau


def _zeros_variable():
    return tf.Variable(tf.zeros((1,)))


class HelperMadeConstant(keras.layers.Layer):
    """A constant built with a helper that happens to make a variable on the side (the legacy backend's
    `K.zeros`): the statement names no variable constructor, and nothing was meant to train."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.frequency = tf.concat([_zeros_variable(), tf.range(1.0, 4.0)], axis=0)

    def call(self, x):
        return x * self.frequency


class ScaledInCall(keras.layers.Layer):
    def build(self, input_shape):
        self.weight = self.add_weight(shape=(input_shape[-1], 4), initializer="random_normal")

    def call(self, x):
        return tf.matmul(x, self.weight * 0.5)


def _model(layers):
    inputs = keras.Input((4,))
    x = inputs
    for layer in layers:
        x = layer(x)
    return keras.Model(inputs, x)


def rebound():
    return _model([ScaledLinear(4, 4), ScaledLinear(4, 4)])


def kept():
    return _model([KeptVariable(4, 4)])


def wrapped_at_once():
    return _model([WrappedAtOnce()])


def helper_made_constant():
    return _model([HelperMadeConstant()])


def scaled_in_call():
    return _model([ScaledInCall()])
