"""Spectral-normalization wrapper that writes the normalized kernel back with `self.layer.kernel = self.w / sigma`.

In the tensorflow/addons SpectralNormalization PR a reviewer pointed out that normalizing with
`self.w.assign(self.w / sigma)` cuts the gradient to the original kernel, and proposed instead to
replace the wrapped layer's kernel attribute by the normalized tensor in call:
`self.layer.kernel = self.w / sigma`. On tf.keras 2 that rebinds an attribute; on Keras 3 `kernel`
is a read-only property of Dense/Conv, so the wrapper crashes on its first call.
"""

SOURCE = "https://github.com/tensorflow/addons/pull/1244"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py t_spectral_norm_assigns_layer_kernel.py:
as returned: Functional, count_params() = 178, 6 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling SpectralNormalization.call().
(the full message: property 'kernel' of 'Dense' object has no setter; wiring the model did not trace
call() because compute_output_shape is defined, so the crash comes on the first real call)"""

import keras
import tensorflow as tf


class SpectralNormalization(keras.layers.Wrapper):
    """Performs spectral normalization on the weights of a target layer."""

    def __init__(self, layer, power_iterations=1, **kwargs):
        super().__init__(layer, **kwargs)
        if power_iterations <= 0:
            raise ValueError("`power_iterations` should be greater than zero.")
        self.power_iterations = power_iterations

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        if hasattr(self.layer, "kernel"):
            self.w = self.layer.kernel
        elif hasattr(self.layer, "embeddings"):
            self.w = self.layer.embeddings
        else:
            raise AttributeError(f"{type(self.layer).__name__} object has no attribute 'kernel' nor 'embeddings'")
        self.w_shape = self.w.shape
        self.u = self.add_weight(shape=(1, self.w_shape[-1]),
                                 initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                                 trainable=False, name="sn_u")
        super().build(input_shape)

    def call(self, inputs, training=None):
        self.normalize_weights()
        return self.layer(inputs)

    def normalize_weights(self):
        w = tf.reshape(self.w, [-1, self.w_shape[-1]])
        u = self.u
        for _ in range(self.power_iterations):
            v = tf.math.l2_normalize(tf.matmul(u, w, transpose_b=True))
            u = tf.math.l2_normalize(tf.matmul(v, w))
        sigma = tf.matmul(tf.matmul(v, w), u, transpose_b=True)
        self.u.assign(u)
        self.layer.kernel = self.w / sigma

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        return {**super().get_config(), "power_iterations": self.power_iterations}


def build_model():
    inputs = keras.Input(shape=(8,))
    x = SpectralNormalization(keras.layers.Dense(16, activation="relu"))(inputs)
    outputs = SpectralNormalization(keras.layers.Dense(1))(x)
    return keras.Model(inputs, outputs)
