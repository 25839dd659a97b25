"""An SN-GAN `SpectralNormalization` layer (ported from chainer's sngan_projection) that keeps the
power-iteration vectors `u` and `v` as plain `tf.random.normal` tensors on `self`, made in `build()`.

From jimmYA-1995/SN-GAN (`SN_layer.py`, used by `main.py` to wrap every Conv2D/Dense of the CIFAR-10
generator and discriminator). `_make_param()` runs from `build()` and stores `self.u = l2normalize(
tf.random.normal(...))` and `self.v = ...`; `update_uv()` (a `tf.function`) then rebinds `self.u`/`self.v`
to new tensors on every call. Neither is a variable: the wrapper owns no state of its own, the estimate
of the top singular vector is never saved, and the rebinding inside `tf.function` stores graph tensors
on the layer. (The normalised `W / sigma` is also only a local, so the wrapped layer keeps using its
unnormalised kernel.)

Porting edits: `tensorflow.keras` -> `keras` (tf ops kept); the discriminator is trimmed to two SN
Conv2D (8 and 8 filters, 3x3, stride 1 and 2) + Flatten + SN Dense(1, sigmoid) on 8x8x3 images; the
author's `layers.LeakyReLU(alpha=0.1)(x)` made inside `call()` is replaced by `tf.nn.leaky_relu(x, 0.1)`
(same function, no layer object) to keep one defect; `build_model()` calls the discriminator once on a
batch of two images, as `Trainer` does before training.
"""

SOURCE = "https://github.com/jimmYA-1995/SN-GAN/blob/f6eb06ddbe031ba3eb8675deee2a564cb300ce1d/SN_layer.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/d_sngan_spectralnorm_u_v_random_tensors_in_build.py:
as returned: Discriminator, count_params() = 1385, 6 weights, unbuilt: none
call 1 raised TypeError: Exception encountered when calling Discriminator.call().
Own script /tmp/mine21a/p2.py: the 6 weights are only the wrapped Conv2D/Dense kernels and biases;
no SpectralNormalization owns a weight for u or v; after build_model()'s first call each wrapper's
`u` is a SymbolicTensor (rebound inside the tf.function update_uv), and every later call raises
TypeError "<tf.Tensor 'spectral_normalization/truediv:0' shape=(1, 8)> is out of scope and cannot be
used here" (with and without training=True)."""

import numpy as np
import tensorflow as tf
import keras
from keras import Model, layers


def l2normalize(v, eps=1e-12):
    return tf.math.divide(v,(tf.norm(v) + eps))

class SpectralNormalization(keras.layers.Layer):
    """ Paper: https://openreview.net/forum?id=B1QRgziT-
        source: https://github.com/pfnet-research/sngan_projection
    """

    def __init__(self, module, name="weights", Ip=1, factor=None):
        super(SpectralNormalization, self).__init__()
        self.module = module
        self.weight_name = name

        if not Ip >= 1:
            raise ValueError("The number of power iterations should be positive integer")
        self.Ip = Ip
        self.factor = factor

    def _check_param(self):
        try:
            u = getattr(self, "u")
            v = getattr(self, "v")
            return True
        except AttributeError:
            return False

    def _make_param(self):
        w = getattr(self.module, self.weight_name)[0]
        height = w.shape[-1]
        width = tf.reshape(w, shape=(height, -1)).shape[1]
        # print("H: ", height, "W: ", width)
        u = tf.random.normal(shape=[1, height])
        v = tf.random.normal(shape=[1, width])
        self.u = l2normalize(u)
        self.v = l2normalize(v)

    def build(self, input_shape):
        self.module.build(input_shape)
        if not self._check_param():
            self._make_param()
        
    def call(self, x, training=False):
        self.update_uv()
        return self.module.call(x)

    @tf.function
    def update_uv(self):
        """
        Spectrally Normalized Weight
        """
        W = getattr(self.module, self.weight_name)[0]
        W_mat = tf.reshape(W, [W.shape[-1], -1])

        for _ in range(self.Ip):
            self.v = l2normalize(tf.matmul(self.u, W_mat))
            self.u = l2normalize(tf.matmul(self.v, tf.transpose(W_mat)))
            
        sigma = tf.reduce_sum(tf.matmul(self.u, W_mat) * self.v)


        if self.factor:
            sigma = sigma / self.factor

        W =  W / sigma


USE_SN = True


class Discriminator(Model):
    def __init__(self):
        super().__init__()
        self.conv = []
        self.conv.append(layers.Conv2D(8, (3, 3), strides=(1, 1), padding="SAME"))
        self.conv.append(layers.Conv2D(8, (4, 4), strides=(2, 2), padding="SAME"))

        if USE_SN:
            self.conv = [SpectralNormalization(conv) for conv in self.conv]
        else:
            self.bn = [layers.BatchNormalization() for _ in range(2)]

        self.flatten = layers.Flatten()
        self.fc = layers.Dense(1, activation='sigmoid')
        if USE_SN:
            self.fc = SpectralNormalization(self.fc)

    @tf.function
    def call(self, inputs, is_training=False):
        x = inputs
        for i in range(len(self.conv)):
            if USE_SN:
                x = self.conv[i](x, training=is_training)
            else:
                x = self.conv[i](x)
                x = self.bn[i](x, training=is_training)

            x = tf.nn.leaky_relu(x, 0.1)

        x = self.flatten(x)
        x = self.fc(x) 

        return x


def build_model():
    images = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    discriminator = Discriminator()
    discriminator(images, is_training=True)
    return discriminator, images
