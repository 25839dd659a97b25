# LD011 untracked-container: a tf.Module or plain object holding variables or layers, made at the call site and passed to a layer's constructor
import keras
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD011j", "a hub-style wrapper stores the module it is given; the module's variables stay outside Keras"
FEATURES = 6


class EncoderModule(tf.Module):
    """Stands in for `hub.load(...)`: a module that owns its variables."""

    def __init__(self):
        super().__init__()
        self.kernel = tf.Variable(tf.random.normal((FEATURES, 4)), name="kernel")

    def __call__(self, x):
        return tf.matmul(x, self.kernel)


class Heads:
    """A plain class holding two layers."""

    def __init__(self):
        self.first = layers.Dense(4)
        self.second = layers.Dense(4)


class Settings:
    """A plain class holding numbers only."""

    def __init__(self):
        self.scale = 2.0


class ModuleWrapper(layers.Layer):
    def __init__(self, module, **kwargs):
        super().__init__(**kwargs)
        self._module = module  # LD011

    def call(self, inputs):
        return self._module(inputs)


class HeadsWrapper(layers.Layer):
    def __init__(self, heads, **kwargs):
        super().__init__(**kwargs)
        self.heads = heads  # LD011

    def call(self, inputs):
        return self.heads.first(inputs) + self.heads.second(inputs)


class LayerWrapper(layers.Layer):
    """Correct: the wrapped object is a Keras layer, tracked as an attribute."""

    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def call(self, inputs):
        return self.inner(inputs)


class ScaledWrapper(layers.Layer):
    """Correct: the plain object holds a number."""

    def __init__(self, settings, **kwargs):
        super().__init__(**kwargs)
        self.settings = settings
        self.dense = layers.Dense(4)

    def call(self, inputs):
        return self.dense(inputs) * self.settings.scale


def make_module_wrapper():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, ModuleWrapper(EncoderModule())(inputs))


def make_heads_wrapper():
    heads = Heads()
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, HeadsWrapper(heads)(inputs))


def make_layer_wrapper():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, LayerWrapper(layers.Dense(4))(inputs))


def make_scaled_wrapper():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, ScaledWrapper(Settings())(inputs))
