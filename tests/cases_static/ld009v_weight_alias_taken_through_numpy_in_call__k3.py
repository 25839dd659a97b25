# LD009 no-gradient: a weight is aliased to a local in call(), and the local goes through NumPy (`.numpy()`, np.array, float) before it reaches the output
import keras
import numpy as np
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD009v", "a weight read through a local alias that call() takes to NumPy and back: no gradient"
FEATURES = 4

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), each make_* below (functional wiring on a
# keras.Input, then a GradientTape over the model's output): MEASURED lines. The weight is aliased to a
# local (`c = self.scale`), the local is printed or rebound, then converted through NumPy
# (`tf.convert_to_tensor(c.numpy())`, `np.array(k)`, `float(k)`): the wiring raises (a symbolic tensor has
# no .numpy() / cannot be converted to a NumPy array), and an eager call gives None gradients for the
# weight (the keras#15676 PINN loss layer). Twins: the alias is used directly (the print and a NumPy copy
# only logged), and the NumPy round trip is on a non-weight local (an input statistic): both wire and
# give every weight a gradient.


class PdeResidual(layers.Layer):
    """Alias printed, then rebound through .numpy() (the keras#15676 PINN layer). MEASURED: wiring raises."""

    def build(self, input_shape):
        self.c1 = self.add_weight(name="c1", shape=(1,), initializer="random_normal")
        self.c2 = self.add_weight(name="c2", shape=(1,), initializer="random_normal")

    def call(self, inputs):
        c1 = self.c1  # LD009
        c2 = self.c2  # LD009
        print(c1)
        c1 = tf.convert_to_tensor(c1.numpy(), dtype=tf.float32)
        c2 = tf.convert_to_tensor(c2.numpy(), dtype=tf.float32)
        residual = inputs * c1 - c2
        residual = residual * 2.0
        return residual


class NumpyGain(layers.Layer):
    """Another alias name, np.array on it, the result used through a second local. MEASURED: wiring raises."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gain = self.add_weight(name="gain", shape=(FEATURES,), initializer="ones")

    def call(self, x):
        g = self.gain  # LD009
        g_np = np.array(g)
        scaled = x * tf.constant(g_np)
        return scaled


class FloatBias(keras.layers.Layer):
    """A scalar weight aliased, then float()ed. MEASURED: wiring raises."""

    def build(self, input_shape):
        self.bias = self.add_weight(name="bias", shape=(), initializer="zeros")

    def call(self, x):
        b = self.bias  # LD009
        tf.print("bias", b)
        b = float(b)
        return x + b


class AliasUsedDirectly(layers.Layer):
    """The alias is printed and a NumPy copy only logged; the output uses the alias itself."""

    def build(self, input_shape):
        self.c1 = self.add_weight(name="c1", shape=(1,), initializer="random_normal")

    def call(self, inputs):
        c1 = self.c1
        print(c1)
        return inputs * c1


class InputStatisticThroughNumpy(layers.Layer):
    """The NumPy round trip is on a shape number, not on the weight (an alias of it used directly)."""

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        w = self.w
        n = float(np.array(x.shape[-1]))
        w = w / n
        return x * w


def _model(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_pde_residual():
    return _model(PdeResidual())


def make_numpy_gain():
    return _model(NumpyGain())


def make_float_bias():
    return _model(FloatBias())


def make_alias_used_directly():
    return _model(AliasUsedDirectly())


def make_input_statistic_through_numpy():
    return _model(InputStatisticThroughNumpy())
