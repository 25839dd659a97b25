"""LEAF's GaborConv1D: weights made in `__init__`, the constraint applied by hand in `call()`, filters re-ordered with `tf.gather(kernel, tf.argsort(...))`.

From google-research/leaf-audio (`leaf_audio/convolution.py`). The learnable Gabor filterbank has only
2 parameters per filter (centre frequency, bandwidth), created with `add_weight` in `__init__` (shape
from constructor arguments, not from the input). `call()` applies the `GaborConstraint` explicitly
(`self._kernel.constraint(self._kernel)`), optionally sorts the filters by centre frequency through
integer indices (`tf.argsort` then `tf.gather`), computes complex impulse responses and convolves.
Looks like a weight that reaches the output only through int indices made from it, but the gather
indexes the kernel tensor itself: the gradient flows to every (centre, bandwidth) pair.

Porting edits: `gin` decorator dropped; `tensorflow.compat.v2` -> `tensorflow`, `tf.keras` -> `keras`;
`impulse_responses.gabor_filters` inlined; `initializers.GaborInit` (mel-matched init through
`melfilters.Gabor`) replaced by a deterministic stand-in in the same (centre, fwhm) ranges;
`build_model()` uses `sort_filters=True`, 16 filters, a 201-tap window, followed by a squared modulus
and a small classifier.
"""

SOURCE = "https://github.com/google-research/leaf-audio/blob/b130481b7ddeffceaa265eba4e49a49ed7352d7e/leaf_audio/convolution.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/oka_leaf_gabor_conv_filters_sorted_by_argsort_gather.py:
as returned: Functional, count_params() = 131, 3 weights, unbuilt: none
after call: count_params() = 131, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tfbanks_complex_conv': 32}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine19a/trainprobe.py, one SGD step): all 3 trainable weights change, including the (16, 2) Gabor kernel reached through the hand-applied constraint and tf.gather(kernel, tf.argsort(kernel[:, 0])). TF logs 'casting an input of type complex64 to ... float32' in the backward pass (the real part of the complex gradient), which is expected."""

import math

import keras
import tensorflow as tf


def gabor_impulse_response(t, center, fwhm):
    """Computes the gabor impulse response."""
    denominator = 1.0 / (tf.math.sqrt(2.0 * math.pi) * fwhm)
    gaussian = tf.exp(tf.tensordot(1.0 / (2. * fwhm**2), -t**2, axes=0))
    center_frequency_complex = tf.cast(center, tf.complex64)
    t_complex = tf.cast(t, tf.complex64)
    sinusoid = tf.math.exp(1j * tf.tensordot(center_frequency_complex, t_complex, axes=0))
    denominator = tf.cast(denominator, dtype=tf.complex64)[:, tf.newaxis]
    gaussian = tf.cast(gaussian, dtype=tf.complex64)
    return denominator * sinusoid * gaussian


def gabor_filters(kernel, size=401):
    return gabor_impulse_response(
        tf.range(-(size // 2), (size + 1) // 2, dtype=tf.float32),
        center=kernel[:, 0], fwhm=kernel[:, 1])


class GaborInitStandIn(keras.initializers.Initializer):
    """Stand-in for GaborInit: centres spread over (0, pi), unsorted, moderate bandwidths."""

    def __call__(self, shape, dtype=None):
        n = shape[0]
        mu = tf.math.floormod(tf.range(n, dtype=tf.float32) * 1.7, 3.0) + 0.05
        sigma = tf.linspace(20.0, 60.0, n)
        return tf.stack([mu, sigma], axis=1)


class GaborConstraint(keras.constraints.Constraint):
    """Constraint mu and sigma, in radians."""

    def __init__(self, kernel_size):
        self._kernel_size = kernel_size

    def __call__(self, kernel):
        mu_lower = 0.
        mu_upper = math.pi
        sigma_lower = 4 * math.sqrt(2 * math.log(2)) / math.pi
        sigma_upper = self._kernel_size * math.sqrt(2 * math.log(2)) / math.pi
        clipped_mu = tf.clip_by_value(kernel[:, 0], mu_lower, mu_upper)
        clipped_sigma = tf.clip_by_value(kernel[:, 1], sigma_lower, sigma_upper)
        return tf.stack([clipped_mu, clipped_sigma], axis=1)


class GaborConv1D(keras.layers.Layer):
    """Implements a convolution with filters defined as complex Gabor wavelets."""

    def __init__(self, filters, kernel_size, strides, padding, use_bias,
                 input_shape, kernel_initializer, kernel_regularizer, name,
                 trainable, sort_filters=False):
        super().__init__(name=name)
        self._filters = filters // 2
        self._kernel_size = kernel_size
        self._strides = strides
        self._padding = padding
        self._use_bias = use_bias
        self._sort_filters = sort_filters
        # Weights are the concatenation of center freqs and inverse bandwidths.
        self._kernel = self.add_weight(
            name='kernel',
            shape=(self._filters, 2),
            initializer=kernel_initializer,
            regularizer=kernel_regularizer,
            trainable=trainable,
            constraint=GaborConstraint(self._kernel_size))
        if self._use_bias:
            self._bias = self.add_weight(name='bias', shape=(self._filters * 2,))

    def call(self, inputs):
        kernel = self._kernel.constraint(self._kernel)
        if self._sort_filters:
            filter_order = tf.argsort(kernel[:, 0])
            kernel = tf.gather(kernel, filter_order, axis=0)
        filters = gabor_filters(kernel, self._kernel_size)
        real_filters = tf.math.real(filters)
        img_filters = tf.math.imag(filters)
        stacked_filters = tf.stack([real_filters, img_filters], axis=1)
        stacked_filters = tf.reshape(stacked_filters, [2 * self._filters, self._kernel_size])
        stacked_filters = tf.expand_dims(tf.transpose(stacked_filters, perm=(1, 0)), axis=1)
        outputs = tf.nn.conv1d(inputs, stacked_filters, stride=self._strides, padding=self._padding)
        if self._use_bias:
            outputs = tf.nn.bias_add(outputs, self._bias, data_format='NWC')
        return outputs


def build_model():
    wave = keras.Input((800, 1), name="waveform")
    x = GaborConv1D(filters=32, kernel_size=201, strides=1, padding='SAME', use_bias=False,
                    input_shape=(None, None, 1), kernel_initializer=GaborInitStandIn(),
                    kernel_regularizer=None, name='tfbanks_complex_conv', trainable=True,
                    sort_filters=True)(wave)
    x = keras.layers.Lambda(lambda t: t ** 2)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = keras.layers.Dense(3)(x)
    return keras.Model(wave, out)
