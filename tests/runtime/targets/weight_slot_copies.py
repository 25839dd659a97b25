"""Held-out 34's inspect families, each with a correct twin: a tensor stored where a held Keras layer keeps its
weight (janggu), a SparseTensor copy of a reservoir variable (ESN), a tf.Variable on a model whose call() needs an
argument inspect cannot make up (NTM), a convolution kernel sized in __init__ (Equi-RC)."""

import keras
import tensorflow as tf
from keras import layers, ops


class Mirrored(layers.Layer):
    """The mirrored kernel computed once in build() and stored on the second Dense: a constant."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.forward = layers.Dense(units)
        self.mirror = layers.Dense(units, use_bias=False)

    def build(self, input_shape):
        self.forward.build(input_shape)
        self.mirror._kernel = ops.flip(self.forward.kernel, axis=0)
        self.mirror.bias = None
        self.mirror.built = True  # (as janggu does: the mirror makes no kernel of its own)

    def call(self, inputs):
        return ops.maximum(self.forward.call(inputs), self.mirror.call(ops.flip(inputs, axis=-1)))


class MirroredEachCall(Mirrored):
    """Correct: the copy is stored again by every call, from the live kernel."""

    def call(self, inputs):
        self.mirror._kernel = ops.flip(self.forward.kernel, axis=0)
        return super().call(inputs)


class Reservoir(layers.Layer):
    def __init__(self, units, sparse=False, **kwargs):
        super().__init__(**kwargs)
        self.units, self.sparse = units, sparse

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), trainable=False)
        if self.sparse:
            self.kernel = tf.sparse.from_dense(self.kernel)

    def call(self, inputs):
        if self.sparse:
            return tf.sparse.sparse_dense_matmul(inputs, self.kernel)
        return ops.matmul(inputs, self.kernel)


class StepModel(keras.Model):
    def __init__(self, keep_a_tf_variable=True, **kwargs):
        super().__init__(**kwargs)
        self.head = layers.Dense(4)
        if keep_a_tf_variable:
            self.start = tf.Variable(tf.zeros((1, 4)))
        else:
            self.start = self.add_weight(shape=(1, 4), initializer="zeros")

    def call(self, x, prev_state):
        return self.head(x) + prev_state + self.start


class KernelInInit(layers.Layer):
    def __init__(self, channels_in, filters, **kwargs):
        super().__init__(**kwargs)
        self.kernel = self.add_weight(shape=(3, channels_in, filters))

    def call(self, inputs):
        return ops.conv(inputs, self.kernel)


class KernelInBuild(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(3, input_shape[-1], self.filters))

    def call(self, inputs):
        return ops.conv(inputs, self.kernel)


def _wired(layer, shape):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(inputs))


def _called(layer, shape):
    layer(ops.ones((2, *shape)))  # eagerly: wiring a functional model would leave a symbolic copy on the mirror
    return layer


def mirrored_in_build():
    return _called(Mirrored(4), (6,))


def mirrored_each_call():
    return _called(MirroredEachCall(4), (6,))


def sparse_reservoir():
    return _wired(Reservoir(8, sparse=True), (6,))


def dense_reservoir():
    return _wired(Reservoir(8), (6,))


def step_model_with_a_tf_variable():
    model = StepModel()
    model.head.build((None, 6))
    return model


def step_model_with_a_weight():
    model = StepModel(keep_a_tf_variable=False)
    model.head.build((None, 6))
    return model


def kernel_in_init():
    return _wired(KernelInInit(5, 8), (20, 5))


def kernel_in_build():
    return _wired(KernelInBuild(8), (20, 5))
