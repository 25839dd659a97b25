"""Targets for held-out 23's runtime findings: non-trainable state rebound by `+=` in call() (CapsNet routing
logits), a noise sample drawn once in build() (NoisyNet), and models the target called with more than one
tensor (a setting given by keyword, an RNN cell's state list)."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops

WIDTH = 4


def _x(batch=3):
    return np.random.default_rng(0).random((batch, WIDTH)).astype("float32")


class Routing(keras.layers.Layer):
    def build(self, input_shape):
        self.logits = self.add_weight(shape=(1, input_shape[-1]), initializer="zeros", trainable=False,
                                      name="logits")
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, x):
        weights = ops.softmax(self.logits)
        self.logits += ops.sum(x * weights, axis=0, keepdims=True)
        return x * weights * self.scale

    def compute_output_shape(self, input_shape):  # (the wiring does not trace call(), as in the CapsNet)
        return input_shape


class AssignedRouting(Routing):
    def call(self, x):
        weights = ops.softmax(self.logits)
        self.logits.assign_add(ops.sum(x * weights, axis=0, keepdims=True))
        return x * weights * self.scale


def _model(layer):
    inputs = keras.Input((WIDTH,))
    return keras.Model(inputs, layer(keras.layers.Dense(WIDTH)(inputs)))


def rebound_routing():
    model = _model(Routing())
    model(_x())
    return model


def assigned_routing():
    model = _model(AssignedRouting())
    model(_x())
    return model


class NoisyDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w_mu = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="w_mu")
        self.w_sigma = self.add_weight(shape=(input_shape[-1], self.units), initializer="zeros", name="w_sigma")
        self.w_epsilon = tf.random.normal((input_shape[-1], self.units))

    def call(self, x):
        return ops.matmul(x, self.w_mu + self.w_sigma * self.w_epsilon)


class RedrawnNoisyDense(NoisyDense):
    def call(self, x):
        self.w_epsilon = tf.random.normal(tf.shape(self.w_mu))
        return ops.matmul(x, self.w_mu + self.w_sigma * self.w_epsilon)


def noise_drawn_once():
    return keras.Sequential([keras.Input((WIDTH,)), keras.layers.Dense(WIDTH), NoisyDense(2)])


def noise_redrawn_per_call():
    return keras.Sequential([keras.Input((WIDTH,)), keras.layers.Dense(WIDTH), RedrawnNoisyDense(2)])


class EdgePayoff(keras.Model):
    """call(h, edges_from=None): the edges are a setting the caller must pass by keyword."""

    def __init__(self):
        super().__init__()
        self.mlp = keras.layers.Dense(2)

    def call(self, h, edges_from=None, **kwargs):
        return self.mlp(tf.gather(h, edges_from, axis=1))


def payoff_called_with_edges():
    model = EdgePayoff()
    model(np.ones((2, 3, WIDTH), "float32"), edges_from=[0, 2])
    return model


class StateCell(keras.layers.Layer):
    """An RNN-cell interface layer called as `cell(x, [h])`, its tf.Variable untracked on Keras 3."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.A = tf.Variable(tf.eye(WIDTH), trainable=True)

    def call(self, x, states):
        return x + ops.matmul(states[0], self.A)


def cell_called_with_states():
    cell = StateCell()
    cell(_x(), [np.zeros((3, WIDTH), "float32")])
    return cell
