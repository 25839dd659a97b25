"""Learned image compression: the quantizer rounds *after* the straight-through trick, so the encoder gets no gradient.

A generative-compression model (encoder -> quantizer over L centers -> decoder) ported from TF1
`tf.layers` helpers to Keras layers. The quantizer builds the usual straight-through estimator,
`stop_gradient(w_hard - w_soft) + w_soft`, and then wraps it in `tf.round(...)`. `round` has no
gradient, so nothing flows back through the bottleneck: every encoder weight is counted and saved,
but gets a `None` gradient and never trains. The issue asks exactly this ("your encoder network will
not update its parameters") and blames the stop_gradient.
"""

SOURCE = "https://github.com/Justin-Tan/generative-compression/issues/27"
CODES = ("LD009",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py k_compression_quantizer_round_after_ste.py:
as returned: Functional, count_params() = 53775, 46 weights, unbuilt: none
after call: count_params() = 53775, 46 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 16 of 46 trainable weights: ['enc_conv0/kernel', 'enc_conv0/bias', 'enc_conv0_in/gamma', 'enc_conv0_in/beta', 'enc_conv1/kernel', 'enc_conv1/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'quantizer': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow import keras


class Utils(object):

    @staticmethod
    def conv_block(x, filters, kernel_size=3, strides=2, padding="same", actv=tf.nn.relu, name=None):
        x = keras.layers.Conv2D(filters, kernel_size, strides=strides, padding=padding, activation=None,
                                name=name)(x)
        x = keras.layers.GroupNormalization(groups=-1, name=None if name is None else name + "_in")(x)
        return keras.layers.Activation(actv)(x)

    @staticmethod
    def upsample_block(x, filters, kernel_size=3, strides=2, padding="same", actv=tf.nn.relu):
        x = keras.layers.Conv2DTranspose(filters, kernel_size, strides=strides, padding=padding)(x)
        x = keras.layers.GroupNormalization(groups=-1)(x)
        return keras.layers.Activation(actv)(x)


class Quantizer(keras.layers.Layer):
    """Quantize feature map over L centers to obtain discrete w_hat. Centers: {-2,-1,0,1,2}."""

    def __init__(self, temperature=1.0, L=5, **kwargs):
        super().__init__(**kwargs)
        self.temperature = temperature
        self.L = L

    def call(self, w):
        centers = tf.cast(tf.range(-2, 3), tf.float32)
        # Partition W into the Voronoi tesellation over the centers
        w_stack = tf.stack([w for _ in range(self.L)], axis=-1)
        w_hard = tf.cast(tf.argmin(tf.abs(w_stack - centers), axis=-1), tf.float32) + tf.reduce_min(centers)
        smx = tf.nn.softmax(-1.0 / self.temperature * tf.abs(w_stack - centers), axis=-1)
        w_soft = tf.einsum("ijklm,m->ijkl", smx, centers)
        # Treat quantization as differentiable for optimization
        w_bar = tf.round(tf.stop_gradient(w_hard - w_soft) + w_soft)
        return w_bar

    def get_config(self):
        config = super().get_config()
        config.update({"temperature": self.temperature, "L": self.L})
        return config


class Network(object):

    @staticmethod
    def encoder(x, C, actv=tf.nn.relu):
        f = [8, 16, 32]
        out = Utils.conv_block(x, filters=f[0], kernel_size=7, strides=1, actv=actv, name="enc_conv0")
        out = Utils.conv_block(out, filters=f[1], kernel_size=3, strides=2, actv=actv, name="enc_conv1")
        out = Utils.conv_block(out, filters=f[2], kernel_size=3, strides=2, actv=actv, name="enc_conv2")
        feature_map = Utils.conv_block(out, filters=C, kernel_size=3, strides=1, actv=actv, name="enc_proj")
        return feature_map

    @staticmethod
    def decoder(w_bar, actv=tf.nn.relu, channel_upsample=32):
        def residual_block(x, n_filters, kernel_size=3):
            identity_map = x
            res = keras.layers.Conv2D(n_filters, kernel_size, padding="same")(x)
            res = keras.layers.Activation(actv)(keras.layers.GroupNormalization(groups=-1)(res))
            res = keras.layers.Conv2D(n_filters, kernel_size, padding="same")(res)
            res = keras.layers.GroupNormalization(groups=-1)(res)
            return keras.layers.Add()([res, identity_map])

        upsampled = Utils.conv_block(w_bar, filters=channel_upsample, kernel_size=3, strides=1, actv=actv)
        res = residual_block(upsampled, channel_upsample)
        res = residual_block(res, channel_upsample)
        ups = Utils.upsample_block(res, 16)
        ups = Utils.upsample_block(ups, 8)
        ups = keras.layers.Conv2D(3, kernel_size=7, strides=1, padding="same")(ups)
        return keras.layers.Activation("tanh")(ups)


def build_model(C=4, image_shape=(32, 32, 3)):
    x = keras.Input(shape=image_shape, name="image")
    w = Network.encoder(x, C)
    w_hat = Quantizer(name="quantizer")(w)
    reconstruction = Network.decoder(w_hat)
    return keras.Model(x, reconstruction, name="generative_compression")
