"""Learned image compression: the quantizer wraps its straight-through estimator in `round()`, so the encoder never trains.

generative-compression#51: the quantizer computes `w_bar = tf.round(tf.stop_gradient(w_hard -
w_soft) + w_soft)`; the reporter points out that `round` is not differentiable, so the
straight-through trick is undone and "the encoder parameters are not updated throughout the
training process"; the correct line drops the outer `round`. Ported here as a Keras 3 model:
Conv2D encoder, a weightless quantizer layer (argmin over integer centers), Conv2D decoder.
"""

SOURCE = "https://github.com/Justin-Tan/generative-compression/issues/51"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 1,031; under GradientTape on a (2, 8, 8, 3) batch all four encoder weights
(two Conv2D kernels and biases) get a None gradient, the decoder Conv2D layers get gradients;
no warning. The quantizer output holds integer values in {-2, ..., 2} (float32)."""

import keras
from keras import layers, ops


class Quantizer(layers.Layer):
    def __init__(self, num_centers=5, temperature=1.0, **kwargs):
        super().__init__(**kwargs)
        self.num_centers = num_centers
        self.temperature = temperature

    def call(self, w):
        half = self.num_centers // 2
        centers = ops.cast(ops.arange(-half, half + 1), "float32")
        w_stack = ops.stack([w for _ in range(self.num_centers)], axis=-1)
        w_hard = ops.cast(ops.argmin(ops.abs(w_stack - centers), axis=-1), "float32") + ops.min(centers)
        smx = ops.softmax(-1.0 / self.temperature * ops.abs(w_stack - centers), axis=-1)
        w_soft = ops.einsum("ijklm,m->ijkl", smx, centers)
        # Treat quantization as differentiable for optimization
        w_bar = ops.round(ops.stop_gradient(w_hard - w_soft) + w_soft)
        return w_bar


class Compressor(keras.Model):
    def __init__(self, channels=4, **kwargs):
        super().__init__(**kwargs)
        self.enc1 = layers.Conv2D(8, 3, padding="same", activation="relu")
        self.enc2 = layers.Conv2D(channels, 3, padding="same")
        self.quantizer = Quantizer()
        self.dec1 = layers.Conv2D(8, 3, padding="same", activation="relu")
        self.dec2 = layers.Conv2D(3, 3, padding="same")

    def call(self, images):
        w = self.enc2(self.enc1(images))
        w_bar = self.quantizer(w)
        return self.dec2(self.dec1(w_bar))


def build_model():
    model = Compressor()
    model(ops.zeros((1, 8, 8, 3)))
    return model
