"""A 1-Lipschitz SpectralDense (subclass of Dense) keeps its orthogonalised kernel in a `tf.Variable`.

The layer comes from a Lipschitz-network library written for tf.keras 2 and run unchanged under
TensorFlow >= 2.16 (Keras 3). `build()` creates the power-iteration vector `u` and the spectral
value `sig` with `add_weight`, but the orthogonalised kernel `wbar` that inference uses is a plain
`tf.Variable(self.kernel.read_value(), trainable=False)`. Keras 3 does not track backend-native
variables: `wbar` is not in `layer.weights`, not counted, and not written by `save()` /
`save_weights()`, so a reloaded model predicts (training=False) with whatever `wbar` was at build
time. (Run as written, `self.kernel.read_value()` raises on Keras 3; this is the half-ported
version with `tf.convert_to_tensor(self.kernel)`, as users patched it.) The library's Keras 3 port replaced these with `add_weight(..., trainable=False)`.
"""

SOURCE = "https://github.com/deel-ai/deel-lip/pull/91"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py m_lipschitz_spectral_dense_wbar.py:
as returned: Sequential, count_params() = 1158, 8 weights, unbuilt: none
after call: count_params() = 1158, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'spectral_dense': 1089, 'spectral_dense_1': 69}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine12b/check_wbar.py): each SpectralDense has 4 Keras weights (kernel, bias, sn, sigma);
the tf.Variable `wbar` (32x32 and 32x2 values) is in none of them, model.get_weights() has 8 arrays, so wbar is
never saved or transferred: after set_weights(get_weights()) into a fresh model, training=False outputs differ by
0.615 (max abs)."""

import tensorflow as tf
from tensorflow.keras.initializers import RandomNormal
from tensorflow.keras.layers import Dense
from tensorflow.keras.utils import register_keras_serializable

DEFAULT_EPS_SPECTRAL = 1e-3
DEFAULT_EPS_BJORCK = 1e-3
DEFAULT_BETA_BJORCK = 0.5
DEFAULT_MAXITER_SPECTRAL = 10
DEFAULT_MAXITER_BJORCK = 15


def _power_iteration(w, u, eps, maxiter):
    for _ in range(maxiter):
        v = tf.math.l2_normalize(tf.matmul(u, w, transpose_b=True))
        u = tf.math.l2_normalize(tf.matmul(v, w))
    return u, v


def _bjorck(w, eps, beta, maxiter):
    for _ in range(maxiter):
        wtw = tf.matmul(w, w, transpose_a=True)
        w = (1 + beta) * w - beta * tf.matmul(w, wtw)
    return w


def reshaped_kernel_orthogonalization(kernel, u, adjustment_coef, eps_spectral, eps_bjorck,
                                      beta_bjorck, maxiter_spectral, maxiter_bjorck):
    w = tf.reshape(kernel, (-1, kernel.shape[-1]))
    u, v = _power_iteration(w, u, eps_spectral, maxiter_spectral)
    sigma = tf.reduce_sum(tf.matmul(v, w) * u)
    sigma = tf.reshape(sigma, (1, 1))
    w = w / sigma
    if eps_bjorck is not None:
        w = _bjorck(w, eps_bjorck, beta_bjorck, maxiter_bjorck)
    w = w * adjustment_coef
    return tf.reshape(w, kernel.shape), u, sigma


class LipschitzLayer:
    k_coef_lip = 1.0
    coef_lip = None

    def set_klip_factor(self, klip_factor):
        self.k_coef_lip = klip_factor

    def _compute_lip_coef(self, input_shape=None):
        raise NotImplementedError()

    def _init_lip_coef(self, input_shape):
        self.coef_lip = self._compute_lip_coef(input_shape)

    def _get_coef(self):
        if self.coef_lip is None:
            raise RuntimeError("compute_coef must be called before calling get_coef")
        return self.coef_lip * self.k_coef_lip


class Condensable:
    def condense(self):
        raise NotImplementedError()

    def vanilla_export(self):
        raise NotImplementedError()


@register_keras_serializable("lip-heldout", "SpectralDense")
class SpectralDense(Dense, LipschitzLayer, Condensable):
    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="orthogonal",
                 bias_initializer="zeros", k_coef_lip=1.0, eps_spectral=DEFAULT_EPS_SPECTRAL,
                 eps_bjorck=DEFAULT_EPS_BJORCK, beta_bjorck=DEFAULT_BETA_BJORCK,
                 maxiter_spectral=DEFAULT_MAXITER_SPECTRAL, maxiter_bjorck=DEFAULT_MAXITER_BJORCK,
                 **kwargs):
        super(SpectralDense, self).__init__(
            units=units, activation=activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, bias_initializer=bias_initializer, **kwargs)
        self._kwargs = kwargs
        self.set_klip_factor(k_coef_lip)
        self.eps_spectral = eps_spectral
        self.eps_bjorck = eps_bjorck
        self.beta_bjorck = beta_bjorck
        self.maxiter_bjorck = maxiter_bjorck
        self.maxiter_spectral = maxiter_spectral
        self.u = None
        self.sig = None
        self.wbar = None
        self.built = False

    def build(self, input_shape):
        super(SpectralDense, self).build(input_shape)
        self._init_lip_coef(input_shape)
        self.u = self.add_weight(
            shape=tuple([1, self.kernel.shape[-1]]),
            initializer=RandomNormal(0, 1),
            name="sn",
            trainable=False,
            dtype=self.dtype,
        )
        self.sig = self.add_weight(
            shape=tuple([1, 1]),
            initializer="ones",
            name="sigma",
            trainable=False,
            dtype=self.dtype,
        )
        self.sig.assign([[1.0]])
        # Keras 3 variables have no .read_value(): half-ported to convert_to_tensor
        self.wbar = tf.Variable(tf.convert_to_tensor(self.kernel), trainable=False)
        self.built = True

    def _compute_lip_coef(self, input_shape=None):
        return 1.0

    def call(self, x, training=True):
        if training:
            wbar, u, sigma = reshaped_kernel_orthogonalization(
                self.kernel, self.u, self._get_coef(), self.eps_spectral, self.eps_bjorck,
                self.beta_bjorck, self.maxiter_spectral, self.maxiter_bjorck)
            self.wbar.assign(wbar)
            self.u.assign(u)
            self.sig.assign(sigma)
        else:
            wbar = self.wbar
        outputs = tf.matmul(x, wbar)
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias)
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def get_config(self):
        config = {
            "k_coef_lip": self.k_coef_lip,
            "eps_spectral": self.eps_spectral,
            "eps_bjorck": self.eps_bjorck,
            "beta_bjorck": self.beta_bjorck,
            "maxiter_spectral": self.maxiter_spectral,
            "maxiter_bjorck": self.maxiter_bjorck,
        }
        base_config = super(SpectralDense, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def condense(self):
        wbar, u, sigma = reshaped_kernel_orthogonalization(
            self.kernel, self.u, self._get_coef(), self.eps_spectral, self.eps_bjorck,
            self.beta_bjorck, self.maxiter_spectral, self.maxiter_bjorck)
        self.kernel.assign(wbar)
        self.u.assign(u)
        self.sig.assign(sigma)

    def vanilla_export(self):
        self._kwargs["name"] = self.name
        layer = Dense(units=self.units, activation=self.activation, use_bias=self.use_bias,
                      **self._kwargs)
        layer.build(self.input.shape)
        layer.kernel.assign(self.wbar)
        if self.use_bias:
            layer.bias.assign(self.bias)
        return layer


def build_model():
    model = tf.keras.Sequential([
        tf.keras.Input((32,)),
        SpectralDense(32, activation="relu"),
        SpectralDense(2),
    ])
    return model
