# LD009 no-gradient: weights read only in build(), to compute NEW attributes that call() reads (LD010 names the copy); a global variable used by a function call() runs (LD011)
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD009t", "band edges computed from two weights once in build() into other attributes; a module-level variable read by a helper function"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), /tmp/fix11a/measure.py: each make_* model
# called on a float batch, gradient of sum(outputs) with tf.GradientTape for every trainable weight.
# Buggy:
#   BandEdges.low and .width (read only in build(): self.lo / self.hi are tensors computed once): both None;
#   ScaledProjection.g (read only in __init__-time build helper inlined into build(): self.gain): None;
#   OffsetLinear (call() runs shift(), which reads the module-level OFFSET = keras.Variable(...)): the model
#   has 1 trainable weight (18 params): OFFSET is not among its weights (not counted, trained or saved).
# Twins (every trainable weight gets a gradient):
#   LiveBandEdges (the same edges computed in call()), ScaledInCall (build() caches a NumPy constant from
#   the shape only, call() reads the weight), TrackedOffset (the offset is a weight of the layer, the
#   module function takes it as an argument).

OFFSET = keras.Variable(np.zeros((3,), "float32"))  # LD011


def shift(t):
    return t + OFFSET


def shift_by(t, offset):
    return t + offset


class BandEdges(layers.Layer):
    def build(self, input_shape):
        self.low = self.add_weight(name="low", shape=(input_shape[-1],), initializer="ones")  # LD009
        self.width = self.add_weight(name="width", shape=(input_shape[-1],), initializer="ones")  # LD009
        self.lo = ops.abs(self.low) + 0.1  # LD010
        self.hi = self.lo + ops.abs(self.width)  # LD010

    def call(self, x):
        return x * self.hi - x * self.lo


class ScaledProjection(layers.Layer):
    def build(self, input_shape):
        self.v = self.add_weight(name="v", shape=(input_shape[-1], 3))
        self.g = self.add_weight(name="g", shape=(3,), initializer="ones")  # LD009
        self._cache_gain()

    def _cache_gain(self):
        self.gain = tf.exp(self.g)  # LD010

    def call(self, x):
        return ops.matmul(x, self.v) * self.gain


class OffsetLinear(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))

    def call(self, x):
        return shift(ops.matmul(x, self.w))


class LiveBandEdges(layers.Layer):
    def build(self, input_shape):
        self.low = self.add_weight(name="low", shape=(input_shape[-1],), initializer="ones")
        self.width = self.add_weight(name="width", shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        lo = ops.abs(self.low) + 0.1
        hi = lo + ops.abs(self.width)
        return x * hi + x * lo


class ScaledInCall(layers.Layer):
    def build(self, input_shape):
        self.g = self.add_weight(name="g", shape=(input_shape[-1],), initializer="ones")
        self.norm = np.float32(1.0 / np.sqrt(input_shape[-1]))

    def call(self, x):
        return x * tf.exp(self.g) * self.norm


class TrackedOffset(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))
        self.offset = self.add_weight(shape=(3,), initializer="zeros")

    def call(self, x):
        return shift_by(ops.matmul(x, self.w), self.offset)


def _model(layer, shape=(FEATURES,)):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(inputs))


def make_band_edges():
    return _model(BandEdges())


def make_scaled_projection():
    return _model(ScaledProjection())


def make_offset_linear():
    return _model(OffsetLinear())


def make_live_band_edges():
    return _model(LiveBandEdges())


def make_scaled_in_call():
    return _model(ScaledInCall())


def make_tracked_offset():
    return _model(TrackedOffset())
