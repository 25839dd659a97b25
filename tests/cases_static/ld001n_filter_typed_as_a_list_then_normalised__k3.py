# LD001 raw-tensor-state: a filter typed in as a Python list, normalised through the same local
# (`k = [[...]]; k = k / np.sum(k)`), then stored with tf.constant (tests/heldout21 StyleGAN LowPassFilter2D)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f21/measure_ld001n.py): every layer
# holds 0 weights. BinomialBlur computes with a fixed filter by design (a warning at
# most: named `kernel`, its values could be meant to train); RandomMix's kernel is drawn at random and
# then normalised the same way: values a weight would hold, never trained (the error).
import numpy as np
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD001n", "a filter typed in as a list and normalised through the same local, stored as a tensor"


class BinomialBlur(layers.Layer):
    def __init__(self, size=4, **kwargs):
        super().__init__(**kwargs)
        self.size = size

    def build(self, input_shape):
        taps = [[1, 1, 1, 1],
                [1, 3, 3, 1],
                [1, 3, 3, 1],
                [1, 1, 1, 1]]
        taps = taps / np.sum(taps)
        self.kernel = tf.constant(taps, dtype=tf.float32)  # LD001 (warning: a heuristic)

    def call(self, x):
        k = tf.tile(self.kernel[:, :, None, None], (1, 1, x.shape[-1], 1))
        return tf.nn.depthwise_conv2d(x, k, (1, 1, 1, 1), "SAME")


class RandomMix(layers.Layer):
    def build(self, input_shape):
        mix = np.random.rand(input_shape[-1], input_shape[-1])
        mix = mix / np.sum(mix, axis=0)
        self.kernel = tf.constant(mix, dtype=tf.float32)  # LD001

    def call(self, x):
        return tf.matmul(x, self.kernel)
