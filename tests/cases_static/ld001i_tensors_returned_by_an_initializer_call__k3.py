# LD001 raw-tensor-state: a Keras initializer called in build()/__init__, its tensor stored as a "weight"
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix9b/measure.py on this file):
# calling a Keras initializer (initializers.get(...) or keras.initializers.X()) returns a backend
# tensor (EagerTensor on TF), not a variable, so the "weight" stored on self is a constant.
# make_scale (initializers resolved in __init__, called in build): 0 weights, self.gamma is an
# EagerTensor; make_inline_glorot (GlorotUniform()(shape=...)): 0 weights, EagerTensor;
# make_local_initializer (a local RandomNormal called in __init__): 0 weights, EagerTensor.
# Twins: make_local_initializer_twin (the initializer handed to add_weight): 1 weight;
# make_wrapped_in_variable (keras.Variable(init(shape))): 1 weight; make_ones_mask
# (Ones()((n,)) kept as a fixed mask, a constant on purpose): 0 weights, not a weight-like name, fine.
import keras
import tensorflow as tf
from keras import initializers, layers

CASE, TITLE = "LD001i", "self.gamma = self.gamma_init(shape): an initializer returns a tensor, not a variable"
FEATURES = 4


class Scale(layers.Layer):
    """The DenseNet Scale layer: initializers resolved in __init__, called in build()."""

    def __init__(self, gamma_init="ones", beta_init="zeros", **kwargs):
        super().__init__(**kwargs)
        self.gamma_init = initializers.get(gamma_init)
        self.beta_init = initializers.get(beta_init)

    def build(self, input_shape):
        shape = (int(input_shape[-1]),)
        self.gamma = self.gamma_init(shape)  # LD001
        self.beta = self.beta_init(shape)  # LD001

    def call(self, x):
        return x * self.gamma + self.beta


class InlineGlorot(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = keras.initializers.GlorotUniform()(shape=(input_shape[-1], 2))  # LD001

    def call(self, x):
        return x @ self.kernel


class LocalInitializer(tf.keras.layers.Layer):
    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        init = tf.keras.initializers.RandomNormal(stddev=0.02)
        self.proj = init((FEATURES, units))  # LD001

    def call(self, x):
        return tf.matmul(x, self.proj)


class LocalInitializerTwin(keras.layers.Layer):
    """Twin: the initializer is handed to add_weight, which makes a tracked keras.Variable."""

    def __init__(self, gamma_init="ones", **kwargs):
        super().__init__(**kwargs)
        self.gamma_init = initializers.get(gamma_init)

    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(input_shape[-1],), initializer=self.gamma_init)

    def call(self, x):
        return x * self.gamma


class WrappedInVariable(keras.layers.Layer):
    """Twin: the initializer's tensor is the initial value of a keras.Variable: tracked."""

    def build(self, input_shape):
        init = keras.initializers.HeNormal()
        self.kernel = keras.Variable(init((input_shape[-1], 2)))

    def call(self, x):
        return x @ self.kernel


class OnesMask(keras.layers.Layer):
    """Twin: a constant initializer's output kept as a fixed mask (not weight-like, not meant to train)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mask = keras.initializers.Ones()((FEATURES,))

    def call(self, x):
        return x * self.mask


def make_scale():
    return Scale()


def make_inline_glorot():
    return InlineGlorot()


def make_local_initializer():
    return LocalInitializer()


def make_local_initializer_twin():
    return LocalInitializerTwin()


def make_wrapped_in_variable():
    return WrappedInVariable()


def make_ones_mask():
    return OnesMask()
