# LD003 foreign-variable: weights made with tf.compat.v1.get_variable / get_local_variable in a Keras 3 layer
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix9b/measure.py on this file):
# get_variable and get_local_variable still work eagerly on TF 2.21 and return a plain tf.Variable (a
# ResourceVariable), which Keras 3 does not track (Keras 3 tracks only keras.Variable).
# make_binary_linear: 0 weights, 1 variable call() uses untracked; make_scoped_dense (inside a
# variable_scope): 0 weights, 2 untracked; make_banked (a comprehension, and a local variable):
# 0 weights (the non-trainable counter is not among them either), 2 trainable variables untracked.
# Twins: make_legacy_initializer (a tf.compat.v1 initializer handed to add_weight): 1 weight, 0
# untracked; make_scope_name (get_variable_scope() is a scope object, and keras.Variable): 1 weight,
# 0 untracked. (tf.keras 2 tracks tf.Variables: the family is for Keras 3 only.)
import keras
import tensorflow as tf
import tensorflow.compat.v1 as tfv1
from tensorflow.compat import v1 as tf1

CASE, TITLE = "LD003f", "self.w = tf.compat.v1.get_variable(...) in build(): a tf.Variable Keras 3 does not track"
FEATURES = 4


class BinaryLinear(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.weight = tf.compat.v1.get_variable(  # LD003
            "weight", [int(input_shape[-1]), self.units],
            initializer=tf.compat.v1.glorot_uniform_initializer(), dtype=tf.float32)

    def call(self, x):
        return tf.matmul(x, tf.sign(self.weight))


class ScopedDense(keras.layers.Layer):
    def build(self, input_shape):
        with tfv1.variable_scope("scoped_dense"):
            self.kernel = tfv1.get_variable("kernel", shape=(input_shape[-1], 3))  # LD003
            self.bias = tfv1.get_variable("bias", shape=(3,), initializer=tfv1.zeros_initializer())  # LD003

    def call(self, x):
        return x @ self.kernel + self.bias


class Banked(keras.layers.Layer):
    def build(self, input_shape):
        self.bank = [tf1.get_variable(f"bank_{i}", shape=(input_shape[-1],)) for i in range(2)]  # LD003
        self.counter = tf1.get_local_variable("counter", shape=(), initializer=tf1.zeros_initializer())  # LD003

    def call(self, x):
        self.counter.assign_add(1.0)
        return x * self.bank[0] + self.bank[1]


class LegacyInitializer(keras.layers.Layer):
    """Twin: a tf.compat.v1 initializer handed to add_weight: the weight is a keras.Variable."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 2),
                                      initializer=tf.compat.v1.glorot_uniform_initializer())

    def call(self, x):
        return x @ self.kernel


class ScopeName(keras.layers.Layer):
    """Twin: a variable scope object (no variable) kept on self."""

    def build(self, input_shape):
        self.scope = tf.compat.v1.get_variable_scope()
        self.kernel = keras.Variable(keras.initializers.GlorotUniform()((input_shape[-1], 2)))

    def call(self, x):
        return x @ self.kernel


def make_binary_linear():
    return BinaryLinear(3)


def make_scoped_dense():
    return ScopedDense()


def make_banked():
    return Banked()


def make_legacy_initializer():
    return LegacyInitializer()


def make_scope_name():
    return ScopeName()
