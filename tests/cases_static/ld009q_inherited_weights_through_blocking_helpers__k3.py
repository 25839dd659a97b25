# LD009 no-gradient: a weight (also one a Keras base layer makes, Dense's kernel) read only through a function of the file that rounds/signs/casts it
import keras
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD009q", "weights passed to a function of the file whose result depends on them only through round/sign/int casts"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow): each make_* model called on a float batch
# (int ids for the Embedding), gradient of sum(outputs) with tf.GradientTape for every trainable weight.
# Buggy (the weight read on the marked line is counted and trainable, and never trained):
#   TernaryConv.kernel (Conv1D's), SnappedEmbedding.embeddings (Embedding's), BinaryLinear.kernel (its own):
#   gradient None; SignDense.kernel (Dense's): gradient all zeros (TensorFlow's Sign gradient is zeros).
# Twins (every trainable weight gets a gradient):
#   FrozenSignDense (its build() sets kernel.trainable = False: 1 trainable weight, the bias, with a gradient),
#   SteDense (straight-through: w + stop_gradient(sign(w) - w)), ClippedDense (clip only),
#   ScaledRoundDense (round() of the scale argument, the weight read directly),
#   MonitoredDense (sign(self.kernel) feeds add_loss only; call() returns super().call()).


def quantize(w):
    return ops.sign(w)


def ternarize(weights, threshold=0.5):
    levels = ops.round(ops.clip(weights / threshold, -1.0, 1.0))
    return levels * threshold


def snap(table, steps=4):
    return tf.cast(tf.cast(table * steps, tf.int32), tf.float32) / steps


def _squash(x):
    return ops.clip((x + 1.0) / 2.0, 0.0, 1.0)


def to_binary(kernel):
    return ops.round(_squash(kernel)) * 2.0 - 1.0


def binarize_ste(w):
    return w + ops.stop_gradient(ops.sign(w) - w)


def clip_weights(w, limit=1.0):
    return ops.clip(w, -limit, limit)


def scaled(w, scale):
    return w * ops.round(scale)


class SignDense(layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self.kernel.constraint = keras.constraints.MaxNorm(1.0)  # a setting, not a gradient path

    def call(self, inputs):
        return ops.matmul(inputs, quantize(self.kernel)) + self.bias  # LD009


class TernaryConv(keras.layers.Conv1D):
    def call(self, inputs):
        kernel = ternarize(self.kernel, threshold=0.3)  # LD009
        return ops.conv(inputs, kernel, padding="same") + self.bias


class SnappedEmbedding(layers.Embedding):
    def call(self, ids):
        return ops.take(snap(self.embeddings), ids, axis=0)  # LD009


class BinaryLinear(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")

    def call(self, inputs):
        return ops.matmul(inputs, to_binary(self.kernel))  # LD009


class SteDense(layers.Dense):
    def call(self, inputs):
        return ops.matmul(inputs, binarize_ste(self.kernel)) + self.bias


class FrozenSignDense(layers.Dense):
    """The sign of a kernel frozen on purpose: not trainable, nothing lost."""

    def build(self, input_shape):
        super().build(input_shape)
        self.kernel.trainable = False

    def call(self, inputs):
        return ops.matmul(inputs, quantize(self.kernel)) + self.bias


class ClippedDense(layers.Dense):
    def call(self, inputs):
        return ops.matmul(inputs, clip_weights(self.kernel)) + self.bias


class ScaledRoundDense(layers.Dense):
    def call(self, inputs):
        return ops.matmul(inputs, scaled(self.kernel, 2.4)) + self.bias


class MonitoredDense(layers.Dense):
    def call(self, inputs):
        self.add_loss(0.01 * ops.mean(quantize(self.kernel)))
        return super().call(inputs)


def _model(layer, shape=(FEATURES,), dtype="float32"):
    inputs = keras.Input(shape, dtype=dtype)
    return keras.Model(inputs, layer(inputs))


def make_sign_dense():
    return _model(SignDense(3))


def make_ternary_conv():
    return _model(TernaryConv(4, 3), shape=(8, 2))


def make_snapped_embedding():
    return _model(SnappedEmbedding(10, 4), shape=(5,), dtype="int32")


def make_binary_linear():
    return _model(BinaryLinear(3))


def make_ste_dense():
    return _model(SteDense(3))


def make_frozen_sign_dense():
    return _model(FrozenSignDense(3))


def make_clipped_dense():
    return _model(ClippedDense(3))


def make_scaled_round_dense():
    return _model(ScaledRoundDense(3))


def make_monitored_dense():
    return _model(MonitoredDense(3))
