# LD001 raw-tensor-state: a random draw handed to a tensor function of the file (`l2normalize(u)`) and the
# result kept on self in build() or in a helper build() calls (tests/heldout21 SN-GAN power iteration)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f21/measure_ld001o.py): PowerNorm
# and PowerNormInBuild own only their inner Dense's 2 weights; u (4 values) is an EagerTensor, not in
# layer.weights. Twins: OnesStart keeps a constant start vector (not drawn: a buffer, 0 extra weights by
# design) and TrackedStart makes u with add_weight (3 weights, u among them).
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD001o", "a random draw passed through a tensor function of the file, kept on self"
UNITS = 4


def l2normalize(v, eps=1e-12):
    return tf.math.divide(v, tf.norm(v) + eps)


class PowerNorm(layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def _make_param(self):
        u = tf.random.normal(shape=[1, UNITS])
        self.u = l2normalize(u)  # LD001

    def build(self, input_shape):
        self.inner.build(input_shape)
        self._make_param()

    def call(self, x):
        w = self.inner.kernel
        sigma = tf.reduce_sum(tf.matmul(self.u, tf.transpose(w)))
        return tf.matmul(x, w / sigma) + self.inner.bias


class PowerNormInBuild(PowerNorm):
    def build(self, input_shape):
        self.inner.build(input_shape)
        self.u = l2normalize(tf.random.normal([1, UNITS]))  # LD001


class OnesStart(PowerNorm):
    def build(self, input_shape):
        self.inner.build(input_shape)
        self.u = l2normalize(tf.ones([1, UNITS]))


class TrackedStart(PowerNorm):
    def build(self, input_shape):
        self.inner.build(input_shape)
        self.u = self.add_weight(shape=(1, UNITS), initializer="random_normal", trainable=False)
        self.u.assign(l2normalize(self.u))
