# LD003 foreign-variable: a tf.Variable made in a method Keras never runs itself, or cached at module level by a function
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD003x", "tf.Variables made in an initialize() method the owner calls, and one cached in a module dict by a getter"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s44/probe/ld003x.py): PolicyHead after initialize(2) and a call on 8 features has
# 2 weights (the Dense), log_scale is not among them; Scaler and InverseScaler have 0 weights and share one tf.Variable;
# SetupWeights after setup(8) has 1 weight (its add_weight), and LocalScratch has 0 weights and keeps no variable.

_cache = {}


def _shared_scale():
    if "scale" not in _cache:
        _cache["scale"] = tf.Variable(1.0)
    return _cache["scale"]


class PolicyHead(layers.Layer):
    """tonic's policy head (held-out 43): the owner calls initialize(action_size) before the first call."""

    def initialize(self, action_size):
        self.loc = layers.Dense(action_size)
        self.log_scale = tf.Variable([[0.0] * action_size])  # LD003

    def call(self, inputs):
        return self.loc(inputs) + tf.math.softplus(self.log_scale)


class Scaler(layers.Layer):
    """PtychoPINN's intensity scalers (held-out 43): one variable made once and cached by a module function."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = _shared_scale()  # LD003

    def call(self, inputs):
        return inputs / tf.exp(self.w)


class InverseScaler(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = _shared_scale()  # LD003

    def call(self, inputs):
        return inputs * tf.exp(self.w)


class SetupWeights(layers.Layer):
    """Correct: a setup method that makes its weight with add_weight."""

    def setup(self, width):
        self.scale = self.add_weight(shape=(width,), initializer="ones")

    def call(self, inputs):
        return inputs * self.scale


class LocalScratch(layers.Layer):
    """Correct: a method that makes a tf.Variable it does not keep on the layer."""

    def describe(self):
        scratch = tf.Variable(0.0)
        return float(scratch.numpy())

    def call(self, inputs):
        return inputs
