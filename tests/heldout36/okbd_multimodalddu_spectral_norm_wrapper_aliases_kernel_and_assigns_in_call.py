"""A soft spectral-norm `Wrapper` aliases the wrapped Conv2D's kernel as `self.w` and rewrites it with `.assign()` in `call()`: tracked and trained.

From stefanvanberkum/multimodal-DDU (`spectral_normalization.py`, adapted by the authors from
thisisiron/spectral_normalization-tf2 with a coefficient for "soft" spectral normalisation, used in a DDU feature
extractor). `spectral_normalization(tf.keras.layers.Wrapper)` sets its settings before `super().__init__()`,
builds the wrapped layer itself in `build()`, stores `self.w = self.layer.kernel` (the same variable under a second
name), adds the power-iteration vectors `sn_v` and `sn_u` as non-trainable weights, and calls
`super().build()` without a shape. `call()` runs `update_weights()` (power iteration, then
`self.layer.kernel.assign(self.coeff * (self.w / sigma))` when sigma exceeds the coefficient), calls the layer, and
`restore_weights()` assigns `self.w` back. A checker could read `self.w = self.layer.kernel` plus writes to the
kernel as a variable shadowed by a tensor (LD010), or the settings before `super().__init__()` as LD013. On Keras 3
the alias is the same `Variable` (counted once), the writes are `assign`s, and kernel and bias get gradients.
Not a catalog matter, kept as the authors wrote it: since `self.w` is the kernel itself, `restore_weights()`
restores nothing and the kernel stays rescaled after each call.

Porting edits: `self.w.shape.as_list()` becomes `list(self.w.shape)` (Keras 3 variables have tuple shapes);
`tf.initializers.TruncatedNormal` is `keras.initializers.TruncatedNormal`; `tf.keras` is `keras`. The Python
`if (sigma > self.coeff)` needs eager tensors or autograph, so `build_model()` returns a small subclassed model
called eagerly: two wrapped Conv2D(16, 3) with ReLU and a global-average-pool + Dense(10) head (the DDU
feature extractor wraps its convolutions the same way), with a (2, 16, 16, 3) input.
"""

SOURCE = "https://github.com/stefanvanberkum/multimodal-DDU/blob/9a60a24f731d58fecdece1d06552d74c0f0fd256/spectral_normalization.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbd_multimodalddu_spectral_norm_wrapper_aliases_kernel_and_assigns_in_call.py:
as returned: SNFeatureExtractor, count_params() raised ValueError (not built yet), 0 weights, all sublayers unbuilt (subclassed, built on first call)
after call: count_params() = 3141, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'spectral_normalization': 491, 'spectral_normalization_1': 2480}
second call: 0 variables watched that the first call did not use
probe (probe_bd_ddu.py): wrapper.w is wrapper.layer.kernel -> True; wrapper weights: conv2d/kernel, sn_v, sn_u,
conv2d/bias (the alias is counted once: 448 + 27 + 16 = 491)."""

import numpy as np
import tensorflow as tf
import keras


class spectral_normalization(keras.layers.Wrapper):
    def __init__(self, layer, iteration=1, eps=1e-12, coeff=1.0, training=True, **kwargs):
        self.iteration = iteration
        self.eps = eps
        self.do_power_iteration = training
        self.coeff = coeff
        if not isinstance(layer, keras.layers.Layer):
            raise ValueError(
                'Please initialize `TimeDistributed` layer with a '
                '`Layer` instance. You passed: {input}'.format(input=layer))
        super(spectral_normalization, self).__init__(layer, **kwargs)

    def build(self, input_shape):
        self.layer.build(input_shape)

        self.w = self.layer.kernel
        self.w_shape = list(self.w.shape)

        self.v = self.add_weight(shape=(1, self.w_shape[0] * self.w_shape[1] * self.w_shape[2]),
                                 initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                                 trainable=False,
                                 name='sn_v',
                                 dtype=tf.float32)

        self.u = self.add_weight(shape=(1, self.w_shape[-1]),
                                 initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                                 trainable=False,
                                 name='sn_u',
                                 dtype=tf.float32)

        super(spectral_normalization, self).build()

    def call(self, inputs):
        self.update_weights()
        output = self.layer(inputs)
        self.restore_weights()  # Restore weights because of this formula "W = W - alpha * W_SN`"
        return output

    def update_weights(self):
        w_reshaped = tf.reshape(self.w, [-1, self.w_shape[-1]])

        u_hat = self.u
        v_hat = self.v  # init v vector

        if self.do_power_iteration:
            for _ in range(self.iteration):
                v_ = tf.matmul(u_hat, tf.transpose(w_reshaped))
                v_hat = v_ / (tf.reduce_sum(v_**2)**0.5 + self.eps)

                u_ = tf.matmul(v_hat, w_reshaped)
                u_hat = u_ / (tf.reduce_sum(u_**2)**0.5 + self.eps)

        sigma = tf.matmul(tf.matmul(v_hat, w_reshaped), tf.transpose(u_hat))
        self.u.assign(u_hat)
        self.v.assign(v_hat)
        if(sigma > self.coeff):
            self.layer.kernel.assign(self.coeff*(self.w / sigma))
        else:
            self.layer.kernel.assign(self.w)

    def restore_weights(self):
        self.layer.kernel.assign(self.w)


class SNFeatureExtractor(keras.Model):
    def __init__(self, coeff=3.0):
        super().__init__()
        self.conv1 = spectral_normalization(keras.layers.Conv2D(16, 3, padding="same", activation="relu"), coeff=coeff)
        self.conv2 = spectral_normalization(keras.layers.Conv2D(16, 3, padding="same", activation="relu"), coeff=coeff)
        self.pool = keras.layers.GlobalAveragePooling2D()
        self.head = keras.layers.Dense(10)

    def call(self, x):
        return self.head(self.pool(self.conv2(self.conv1(x))))


def build_model():
    model = SNFeatureExtractor()
    inputs = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    return model, inputs
