# LD010 variable-shadowed: a weight a built-in base layer makes (kernel, embeddings, bias) replaced in call()
# Measured on Keras 3.15.1 + TF 2.21 (each layer built, then called twice under a GradientTape, eagerly and inside a
# tf.function): SignConv, ClippedLookup and TernaryDense raise AttributeError ("property 'kernel' of 'SignConv' object
# has no setter", the same for 'embeddings'): Dense, Conv and Embedding keep the variable behind a read-only property,
# so the write raises whether or not the variable is put back. SquashedBiasDense runs but its bias gets a None gradient
# (1 of 2): from the second call on `bias` is a tensor. The twins train (None for 0 of 2): bias or gamma swapped for a
# tensor of it and put back in the same call, the quantised kernel kept in a local or another attribute.
import tensorflow as tf
from keras import layers, ops
from keras.layers import Embedding as Lookup

CASE, TITLE = "LD010p", "`self.kernel = sign(self.kernel)` in call() of a Dense/Conv/Embedding subclass"


class SignConv(layers.Conv2D):
    """No build() of its own: Conv2D's build makes the kernel; a helper swaps it for its sign."""

    def _binarize(self):
        full = self.kernel
        self.kernel = full + ops.stop_gradient(ops.sign(full) - full)  # LD010

    def call(self, inputs):
        self._binarize()
        return super().call(inputs)


class ClippedLookup(Lookup):
    def call(self, inputs):
        self.embeddings = ops.clip(self.embeddings, -1.0, 1.0)  # LD010
        return super().call(inputs)


class TernaryDense(tf.keras.layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self.delta = 0.05

    def call(self, inputs):
        w = self.kernel
        self.kernel = tf.where(tf.abs(w) < self.delta, tf.zeros_like(w), tf.sign(w))  # LD010
        out = super().call(inputs)
        self.kernel = w
        return out


class SquashedBiasDense(layers.Dense):
    """bias is a plain attribute on Keras 3, but never put back: from the second call on it is a tensor."""

    def call(self, inputs):
        self.bias = ops.tanh(self.bias)  # LD010
        return super().call(inputs)


class HalfBiasDense(layers.Dense):
    """Correct: bias swapped for a tensor of it and put back, so the inherited call() trains it."""

    def call(self, inputs):
        saved = self.bias
        self.bias = self.bias * 0.5
        out = super().call(inputs)
        self.bias = saved
        return out


class AbsGainNorm(layers.LayerNormalization):
    """Correct: gamma swapped and restored in the same call."""

    def call(self, inputs):
        gain = self.gamma
        self.gamma = ops.abs(gain)
        out = super().call(inputs)
        self.gamma = gain
        return out


class SignDense(layers.Dense):
    """Correct: the quantised kernel is a local; the variable stays where it is."""

    def call(self, inputs):
        w = self.kernel + ops.stop_gradient(ops.sign(self.kernel) - self.kernel)
        return ops.matmul(inputs, w) + self.bias


class CachedSignConv(layers.Conv1D):
    """Correct: the quantised kernel goes to another attribute, recomputed on every call."""

    def call(self, inputs):
        self.kernel_q = ops.sign(self.kernel)
        return ops.conv(inputs, self.kernel + ops.stop_gradient(self.kernel_q - self.kernel), padding="same") + self.bias
