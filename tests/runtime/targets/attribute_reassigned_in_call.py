"""A layer whose call() re-assigns the attribute that holds its own weight with a tensor derived
from it (`self.V = reshape(self.V, (-1, 1))`, held-out 13's HAN attention): the first call reads the
variable, every later call reads the stale tensor, so the weight gets no gradient from the second
call on and changing it does not change the output: LD010 (variable shadowed in call), not LD002
(the attribute is a new tensor per call only because it is re-derived from itself).
Twins keep the variable in an attribute call() reads every time, or transform it into a local.
test_runtime_fix13c_inspect.py measures Keras first (gradients of the SECOND call)."""

import tensorflow as tf
from tensorflow.keras import backend as K


class ReshapedContext(tf.keras.layers.Layer):
    """The case's spelling: V made in build(), reshaped onto itself in call(); compute_output_shape
    given, so functional wiring never runs call() symbolically."""

    def build(self, input_shape):
        self.W = self.add_weight(name="att_weight", shape=(input_shape[-1], 8), initializer="uniform")
        self.V = self.add_weight(name="att_var", shape=(8,), initializer="uniform")

    def call(self, inputs):
        self.V = tf.reshape(self.V, (-1, 1))
        score = tf.nn.softmax(tf.tensordot(tf.tanh(tf.tensordot(inputs, self.W, axes=1)), self.V, axes=1), axis=1)
        return tf.reduce_sum(score * inputs, axis=1)

    def compute_output_shape(self, input_shape):
        return input_shape[0], input_shape[2]


class TransposedKernel(tf.keras.Model):
    """A subclassed model, built by its first call: `self.proj = K.transpose(self.proj)` each call
    (a square matrix, so every call still runs)."""

    def build(self, input_shape):
        self.proj = self.add_weight(name="proj", shape=(input_shape[-1], input_shape[-1]))

    def call(self, x):
        self.proj = K.transpose(self.proj)
        return tf.matmul(x, self.proj)


class ScaledGate(tf.keras.layers.Layer):
    """Created in __init__ under one name, re-assigned with arithmetic (`self.gate = self.gate * 1.0`)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.gate = self.add_weight(name="gate_weight", shape=(units,), initializer="ones")

    def call(self, x):
        self.gate = self.gate * 1.0
        return x * self.gate

    def compute_output_shape(self, input_shape):
        return input_shape


class RawKept(ReshapedContext):
    """Twin: the variable stays in V_raw; call() derives V from V_raw every time."""

    def build(self, input_shape):
        super().build(input_shape)
        self.V_raw = self.V

    def call(self, inputs):
        self.V = tf.reshape(self.V_raw, (-1, 1))
        score = tf.nn.softmax(tf.tensordot(tf.tanh(tf.tensordot(inputs, self.W, axes=1)), self.V, axes=1), axis=1)
        return tf.reduce_sum(score * inputs, axis=1)


class NoisePerCall(ReshapedContext):
    """Not a view: call() stores a fresh random tensor on self.V every call and uses it as the
    context vector; it is never trained or saved (LD002), while the weight V_raw is unused."""

    def build(self, input_shape):
        super().build(input_shape)
        self.V_raw = self.V

    def call(self, inputs):
        self.V = tf.random.normal((8, 1))
        score = tf.nn.softmax(tf.tensordot(tf.tanh(tf.tensordot(inputs, self.W, axes=1)), self.V, axes=1), axis=1)
        return tf.reduce_sum(score * inputs, axis=1)


class LocalReshape(ReshapedContext):
    """Twin: the reshaped context vector is a local."""

    def call(self, inputs):
        v = tf.reshape(self.V, (-1, 1))
        score = tf.nn.softmax(tf.tensordot(tf.tanh(tf.tensordot(inputs, self.W, axes=1)), v, axes=1), axis=1)
        return tf.reduce_sum(score * inputs, axis=1)


def _sequence_model(layer):
    inputs = tf.keras.Input((6, 4))
    return tf.keras.Model(inputs, tf.keras.layers.Dense(2)(layer(inputs)))


def reshaped_context():
    return _sequence_model(ReshapedContext())


def transposed_kernel():
    model = TransposedKernel()
    model(tf.zeros((2, 6, 4)))
    return model


def scaled_gate():
    inputs = tf.keras.Input((6, 4))
    return tf.keras.Model(inputs, tf.keras.layers.Dense(2)(tf.keras.layers.Flatten()(ScaledGate(4)(inputs))))


def raw_kept():
    return _sequence_model(RawKept())


def local_reshape():
    return _sequence_model(LocalReshape())


def noise_per_call():
    return _sequence_model(NoisePerCall())
