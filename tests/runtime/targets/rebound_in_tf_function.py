"""A spectral-norm wrapper that keeps its power-iteration vector `u` as a tensor made in build() and
rebinds it inside a @tf.function method (held-out 21, SN-GAN): the attribute then holds a tensor of
that function's graph, and the next call finds a tensor of a graph that is gone ("out of scope").
Its twin keeps `u` in a non-trainable weight and assigns it: it runs, call after call."""

import numpy as np
import tensorflow as tf
import keras
from keras import layers


def _normalize(v):
    return v / (tf.norm(v) + 1e-12)


class PowerIterationNorm(layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def _init_vector(self):
        width = self.inner.kernel.shape[-1]
        self.u = _normalize(tf.random.normal([1, width]))

    def build(self, input_shape):
        self.inner.build(input_shape)
        self._init_vector()

    @tf.function
    def _iterate(self):
        w = tf.reshape(self.inner.kernel, [-1, self.inner.kernel.shape[-1]])
        v = _normalize(tf.matmul(self.u, tf.transpose(w)))
        self.u = _normalize(tf.matmul(v, w))

    def call(self, x):
        self._iterate()
        return self.inner(x)


class AssignedPowerIterationNorm(PowerIterationNorm):
    """Correct: u is a non-trainable weight, updated with assign()."""

    def _init_vector(self):
        self.u = self.add_weight(shape=(1, self.inner.kernel.shape[-1]), initializer="random_normal",
                                 trainable=False, name="u")

    @tf.function
    def _iterate(self):
        w = tf.reshape(self.inner.kernel, [-1, self.inner.kernel.shape[-1]])
        v = _normalize(tf.matmul(self.u, tf.transpose(w)))
        self.u.assign(_normalize(tf.matmul(v, w)))


class Critic(keras.Model):
    def __init__(self, wrapper, **kwargs):
        super().__init__(**kwargs)
        self.hidden = wrapper(layers.Dense(4))
        self.out = layers.Dense(1)

    def call(self, x):
        return self.out(tf.nn.leaky_relu(self.hidden(x), 0.1))


def _critic(wrapper):
    batch = np.random.default_rng(0).random((2, 3)).astype("float32")
    model = Critic(wrapper)
    model(batch)
    model(batch)  # a second step, as training does
    return model, batch


def tensor_rebound_in_tf_function():
    return _critic(PowerIterationNorm)


def weight_assigned_in_tf_function():
    return _critic(AssignedPowerIterationNorm)
