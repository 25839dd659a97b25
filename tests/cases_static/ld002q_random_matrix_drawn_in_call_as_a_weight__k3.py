# LD002 state-created-in-call: a random matrix drawn in call() and used as the layer's weight (matmul/einsum/conv operand)
# Measured on Keras 3.15.1 + TF 2.21 (each layer called twice on one input, then once under a GradientTape): the four
# bugs own no weight (count_params() 0) and give different outputs for the same input: the matrix they multiply by
# (matmul, `@`, einsum, conv2d) is redrawn on every call, so nothing is trained or saved. The twins: GaussianNoiseDense
# and MaskedDense (noise / a dropout mask drawn per call on the inputs' own shape, the kernel a weight: 12 params, same
# output twice outside training, no None gradient), Sampling (a VAE's eps from a SeedGenerator added to the mean: random
# by design) and FixedRandomProjection (the random matrix drawn once in build(): 12 params, same output twice).
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops
from keras import random as krandom

CASE, TITLE = "LD002q", "`ops.matmul(x, random.normal((x.shape[-1], self.units)))`: the weight is redrawn on every call"


class RandomProjection(layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim

    def call(self, x):
        return ops.matmul(x, krandom.normal((ops.shape(x)[-1], self.dim)))  # LD002


class NumpyHead(keras.layers.Layer):
    def __init__(self, classes, **kwargs):
        super().__init__(**kwargs)
        self.classes = classes

    def _scores(self, feats):
        table = np.random.randn(feats.shape[-1], self.classes).astype("float32")  # LD002
        return feats @ table

    def call(self, feats):
        return self._scores(feats)


class MixChannels(layers.Layer):
    def __init__(self, out_features, **kwargs):
        super().__init__(**kwargs)
        self.out_features = out_features

    def call(self, inputs):
        mixing = tf.random.uniform([inputs.shape[-1], self.out_features], -0.1, 0.1)  # LD002
        return tf.einsum("bti,io->bto", inputs, mixing)


class NoisyConv(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters

    def call(self, images):
        filt = tf.random.truncated_normal((3, 3, images.shape[-1], self.filters))  # LD002
        return tf.nn.conv2d(images, filt, strides=1, padding="SAME")


class GaussianNoiseDense(layers.Layer):
    """Correct: noise on the inputs (shape of the input itself), the kernel a weight made in build()."""

    def __init__(self, units, stddev=0.1, **kwargs):
        super().__init__(**kwargs)
        self.units, self.stddev = units, stddev

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, x, training=False):
        if training:
            x = x + tf.random.normal(tf.shape(x), stddev=self.stddev)
        return ops.matmul(x, self.kernel)


class Sampling(layers.Layer):
    """Correct: the VAE's eps, drawn per call from a SeedGenerator, added to the mean."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = krandom.SeedGenerator(1337)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        eps = krandom.normal(shape=(ops.shape(z_mean)[0], ops.shape(z_mean)[1]), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * eps


class MaskedDense(layers.Layer):
    """Correct: a dropout mask drawn per call multiplies the inputs; the matrix is a weight."""

    def __init__(self, units, rate=0.2, **kwargs):
        super().__init__(**kwargs)
        self.units, self.rate = units, rate

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, x, training=False):
        if training:
            mask = tf.cast(tf.random.uniform(tf.shape(x)) > self.rate, x.dtype)
            x = x * mask / (1.0 - self.rate)
        return tf.matmul(x, self.w)


class FixedRandomProjection(layers.Layer):
    """Correct: the random matrix drawn once in build() as a non-trainable weight."""

    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim

    def build(self, input_shape):
        self.proj = self.add_weight(shape=(input_shape[-1], self.dim), initializer="random_normal", trainable=False)

    def call(self, x):
        return ops.matmul(x, self.proj)
