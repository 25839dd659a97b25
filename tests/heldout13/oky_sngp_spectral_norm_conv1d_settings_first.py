"""SNGP `SpectralNormalizationConv1D` wrapper adapted from TF-Models: plain settings assigned before super().__init__(), kernel aliased as `self.w`, kernel re-assigned with `.assign()` around the wrapped call.

The reporter asked how to extend the SNGP spectral-normalisation wrappers of TF-Models
(official/nlp/modeling/layers/spectral_normalization.py) from Conv2D to Conv1D, and posted the
class below: like the original it stores `iteration`, `norm_multiplier`, ... on `self` before
calling `super().__init__(layer, **kwargs)`, keeps `self.w = self.layer.kernel`, creates the
power-iteration vectors `u`/`v` as non-trainable add_weights, and writes the normalised kernel
with `self.layer.kernel.assign(...)` before calling the wrapped layer, restoring it after.
"""

SOURCE = "https://github.com/tensorflow/models/issues/10416"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oky_sngp_spectral_norm_conv1d_settings_first.py:
as returned: Functional, count_params() = 1135, 10 weights, unbuilt: none
after call: count_params() = 1135, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'spectral_normalization_conv1d': 236, 'spectral_normalization_conv1d_1': 848}
second call: 0 variables watched that the first call did not use
Own script /tmp/mine13a/fitcheck.py: model.fit one epoch runs and changes all 6 trainable weights. Counts exact: 3*4*16+16 (kernel/bias) + 12 (v) + 16 (u) = 236 and 3*16*16+16 + 48 + 16 = 848; the alias w is the kernel itself (not counted twice), u/v are non-trainable. The plain settings set before super().__init__() survive it (iteration, norm_multiplier are not reset)."""

import numpy as np
import tensorflow as tf


class SpectralNormalizationConv1D(tf.keras.layers.Wrapper):
    """Implements spectral normalization for Conv1D layer based on the SNGP Conv2D wrapper."""

    def __init__(self,
                 layer,
                 iteration=1,
                 norm_multiplier=0.95,
                 training=True,
                 legacy_mode=False,
                 **kwargs):
        self.iteration = iteration
        self.do_power_iteration = training
        self.norm_multiplier = norm_multiplier
        self.legacy_mode = legacy_mode

        if not isinstance(layer, tf.keras.layers.Conv1D):
            raise ValueError(
                'layer must be a `tf.keras.layer.Conv1D` instance. You passed: {input}'.format(input=layer))
        super().__init__(layer, **kwargs)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self._dtype = self.layer.kernel.dtype

        # Shape (kernel_size, in_channel, out_channel).
        self.w = self.layer.kernel
        self.w_shape = tuple(self.w.shape)
        self.strides = self.layer.strides

        self.v = self.add_weight(
            shape=(1, int(np.prod(self.w_shape[:-1]))),
            initializer=tf.keras.initializers.RandomNormal(),
            trainable=False,
            name='v',
            dtype=self._dtype)
        self.u = self.add_weight(
            shape=(1, self.w_shape[-1]),
            initializer=tf.keras.initializers.RandomNormal(),
            trainable=False,
            name='u',
            dtype=self._dtype)
        super().build(input_shape)

    def call(self, inputs, training=None):
        u_update_op, v_update_op, w_update_op = self.update_weights(training=training)
        output = self.layer(inputs)
        w_restore_op = self.restore_weights()
        return output

    def update_weights(self, training=True):
        if training is None:
            training = self.do_power_iteration
        w_reshaped = tf.reshape(self.w, [-1, self.w_shape[-1]])
        u_hat = self.u
        v_hat = self.v
        if training:
            for _ in range(self.iteration):
                v_hat = tf.nn.l2_normalize(tf.matmul(u_hat, tf.transpose(w_reshaped)))
                u_hat = tf.nn.l2_normalize(tf.matmul(v_hat, w_reshaped))
        sigma = tf.reshape(tf.matmul(tf.matmul(v_hat, w_reshaped), tf.transpose(u_hat)), [])
        u_update_op = self.u.assign(u_hat)
        v_update_op = self.v.assign(v_hat)
        w_norm = tf.cond((self.norm_multiplier / sigma) < 1,
                         lambda: (self.norm_multiplier / sigma) * self.w,
                         lambda: tf.identity(self.w))
        w_update_op = self.layer.kernel.assign(w_norm)
        return u_update_op, v_update_op, w_update_op

    def restore_weights(self):
        """Restores layer weights to maintain gradient update (See Alg 1 of [1])."""
        return self.layer.kernel.assign(self.w)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def build_model(seq_len=20, channels=4, num_classes=3):
    inputs = tf.keras.Input(shape=(seq_len, channels))
    x = SpectralNormalizationConv1D(tf.keras.layers.Conv1D(16, 3, padding='same', activation='relu'))(inputs)
    x = SpectralNormalizationConv1D(tf.keras.layers.Conv1D(16, 3, padding='same', activation='relu'),
                                    norm_multiplier=0.9)(x)
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    outputs = tf.keras.layers.Dense(num_classes)(x)
    return tf.keras.Model(inputs, outputs)
