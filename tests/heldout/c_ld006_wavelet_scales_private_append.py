"""A wavelet deconvolution layer whose learnable scales are a variable registered by `self._trainable_weights.append(...)`.

The report found the wavelet scales fixed during training ("`self.trainable_weights = [self.W]` is maybe
outdated") and fixed it with `add_weight`. The other common TF2 workaround, appending to the private
`_trainable_weights` list, is what this port does.
"""

SOURCE = "https://github.com/haidark/WaveletDeconv/issues/1"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld006_wavelet_scales_private_append.py:
build_model() raised AttributeError: 'WaveletDeconvolution' object has no attribute '_trainable_weights'"""

import numpy as np
import tensorflow as tf
import keras
from keras import ops


class WaveletDeconvolution(keras.layers.Layer):
    def __init__(self, nb_widths, kernel_length=33, **kwargs):
        super().__init__(**kwargs)
        self.nb_widths = nb_widths
        self.kernel_length = kernel_length

    def build(self, input_shape):
        scales = np.linspace(1.0, 8.0, self.nb_widths).astype("float32")
        self.W = tf.Variable(scales, name="scales")
        self._trainable_weights.append(self.W)

    def call(self, x):
        t = ops.arange(-(self.kernel_length // 2), self.kernel_length // 2 + 1, dtype="float32")
        widths = ops.expand_dims(self.W, -1)
        ricker = (1.0 - ops.square(t / widths)) * ops.exp(-ops.square(t / widths) / 2.0)
        kernel = ops.expand_dims(ops.transpose(ricker), 1)  # (length, 1, nb_widths)
        return ops.conv(x, kernel, padding="same")


def build_model():
    inputs = keras.Input((128, 1))
    x = WaveletDeconvolution(5)(inputs)
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
