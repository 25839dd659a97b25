"""PEN-Net's SpectralNormalization helper replaces the wrapped Conv2D's `kernel` with `kernel / sigma`.

quix12345/PEN-Net-Keras-Img_Inpainting wraps every convolution of its inpainting generator and
discriminator in a plain-Python `SpectralNormalization(layer)` helper (not a Layer). Its
`__call__` builds the wrapped layer if needed and then, once, overwrites the layer's weight
attributes with a normalized tensor: `self.layer.kernel = self.spectral_normalization(self.layer.kernel)`
(and `gamma` the same way), before calling the layer. The variable is shadowed by a constant
derived from it: on Keras 2 the layer would compute with a frozen snapshot and the kernel would
get no gradient. On Keras 3 `Conv2D.kernel` is a read-only property, so the assignment raises as
soon as the model is built. Ported from `keras.backend` to `keras.ops` (Keras 3 has no
`K.int_shape`/`K.dot`), structure unchanged.
"""

SOURCE = "https://github.com/quix12345/PEN-Net-Keras-Img_Inpainting/blob/master/core/SpectralNormalization.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py c_ld010_pennet_spectral_norm_helper_replaces_wrapped_kernel.py:
build_model() raised AttributeError: property 'kernel' of 'Conv2D' object has no setter"""

import keras
import numpy as np
from keras import layers, ops


class SpectralNormalization:
    def __init__(self, layer):
        self.layer = layer

    def spectral_norm(self, w, r=5):
        w_shape = tuple(w.shape)
        in_dim = np.prod(w_shape[:-1]).astype(int)
        out_dim = w_shape[-1]
        w = ops.reshape(w, (in_dim, out_dim))
        u = ops.ones((1, in_dim))
        for i in range(r):
            v = ops.normalize(ops.matmul(u, w), axis=-1)
            u = ops.normalize(ops.matmul(v, ops.transpose(w)), axis=-1)
        return ops.sum(ops.matmul(ops.matmul(u, w), ops.transpose(v)))

    def spectral_normalization(self, w):
        return w / self.spectral_norm(w)

    def __call__(self, inputs):
        if not self.layer.built:
            input_shape = tuple(inputs.shape)
            self.layer.build(input_shape)
            self.layer.built = True
            initial_weights = getattr(self.layer, "_initial_weights", None)
            if initial_weights is not None:
                self.layer.set_weights(initial_weights)
        if not hasattr(self.layer, "spectral_normalization"):
            if hasattr(self.layer, "kernel"):
                self.layer.kernel = self.spectral_normalization(self.layer.kernel)
            if hasattr(self.layer, "gamma"):
                self.layer.gamma = self.spectral_normalization(self.layer.gamma)
            self.layer.spectral_normalization = True
        return self.layer(inputs)


def discriminator(img_shape=(32, 32, 3), cnum=16):
    img = keras.Input(shape=img_shape)
    x = SpectralNormalization(layers.Conv2D(cnum, 5, strides=2, padding="same"))(img)
    x = layers.LeakyReLU(0.2)(x)
    x = SpectralNormalization(layers.Conv2D(cnum * 2, 5, strides=2, padding="same"))(x)
    x = layers.LeakyReLU(0.2)(x)
    x = SpectralNormalization(layers.Conv2D(cnum * 4, 5, strides=2, padding="same"))(x)
    x = layers.LeakyReLU(0.2)(x)
    x = layers.Flatten()(x)
    return keras.Model(img, layers.Dense(1)(x))


def build_model():
    return discriminator()
