"""LEAF audio frontend: the PCEN compression layer is a default argument, so every `Leaf()` shares one instance.

From google-research/leaf-audio (`leaf_audio/frontend.py`). `Leaf.__init__` declares
`compression_fn=postprocessing.PCENLayer(alpha=0.96, ..., trainable=True, learn_smooth_coef=True,
per_channel_smooth_coef=True)` (and `activation=SquaredModulus()`) in its signature. Python evaluates
the default once, when the class is defined, so all frontends built with the defaults hold the *same*
PCEN layer: its per-channel alpha/delta/root and smoothing weights are shared between them, and it is
built for the filter count of whichever frontend runs first. A model with two LEAF frontends of
different resolution (40 and 64 filters) therefore crashes inside PCEN with a shape error that points
nowhere near the default argument; with equal filter counts the two frontends silently share one set of
compression weights.

Porting edits: `gin` decorators dropped; `tensorflow.compat.v2` -> `tensorflow`, `tf.keras` -> `keras`;
GaborConv1D, SquaredModulus, LearnablePooling1D, PCENLayer and ExponentialMovingAverage copied in
shortened form (Gabor impulse responses inlined, `GaborInit` replaced by a deterministic stand-in giving
centre frequencies and bandwidths in range; regularisers, mean-var norm, SpecAugment and preemphasis
options left out); `build_model()` wires two frontends (40 and 64 filters) on one 0.1 s waveform.
"""

SOURCE = "https://github.com/google-research/leaf-audio/blob/b130481b7ddeffceaa265eba4e49a49ed7352d7e/leaf_audio/frontend.py"
CODES = ("LD008", "LD007")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/a_leaf_pcen_default_argument_shared_by_two_frontends.py:
build_model() raised ValueError: Exception encountered when calling Leaf.call().
warning: Layer 'leaf_64' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
Innermost error: 'Dimensions must be equal, but are 40 and 64 for {{node PCEN_1/EMA_1/scan/while/mul}} ... with input shapes: [40], [?,64]' raised in ExponentialMovingAverage.call() of the PCEN layer shared through the default argument. Own script (/tmp/mine19a/leafprobe.py): Leaf(n_filters=40, name='a')._compress_fn is Leaf(n_filters=40, name='b')._compress_fn -> True (SquaredModulus too); two 40-filter frontends in one model: count_params() = 1122 while each reports 641, i.e. the 160 PCEN parameters (alpha, delta, root, EMA smooth x 40) are counted once and shared; PCEN's weight paths carry the name of whichever frontend built it first."""

import math

import keras
import tensorflow as tf


def gabor_filters(kernel, size=401):
    t = tf.range(-(size // 2), (size + 1) // 2, dtype=tf.float32)
    center, fwhm = kernel[:, 0], kernel[:, 1]
    denominator = 1.0 / (tf.math.sqrt(2.0 * math.pi) * fwhm)
    gaussian = tf.exp(tf.tensordot(1.0 / (2. * fwhm**2), -t**2, axes=0))
    sinusoid = tf.math.exp(1j * tf.tensordot(tf.cast(center, tf.complex64), tf.cast(t, tf.complex64), axes=0))
    denominator = tf.cast(denominator, dtype=tf.complex64)[:, tf.newaxis]
    return denominator * sinusoid * tf.cast(gaussian, dtype=tf.complex64)


class GaborInitStandIn(keras.initializers.Initializer):
    """Stand-in for leaf_audio.initializers.GaborInit: (centre, fwhm) pairs spread over the band."""

    def __call__(self, shape, dtype=None):
        n = shape[0]
        mu = tf.linspace(0.05, 2.8, n)
        sigma = tf.fill([n], 30.0)
        return tf.stack([mu, sigma], axis=1)


class GaborConstraint(keras.constraints.Constraint):
    def __init__(self, kernel_size):
        self._kernel_size = kernel_size

    def __call__(self, kernel):
        mu_lower, mu_upper = 0., math.pi
        sigma_lower = 4 * math.sqrt(2 * math.log(2)) / math.pi
        sigma_upper = self._kernel_size * math.sqrt(2 * math.log(2)) / math.pi
        clipped_mu = tf.clip_by_value(kernel[:, 0], mu_lower, mu_upper)
        clipped_sigma = tf.clip_by_value(kernel[:, 1], sigma_lower, sigma_upper)
        return tf.stack([clipped_mu, clipped_sigma], axis=1)


class GaborConv1D(keras.layers.Layer):
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
        self._kernel = self.add_weight(
            name='kernel', shape=(self._filters, 2), initializer=kernel_initializer,
            regularizer=kernel_regularizer, trainable=trainable,
            constraint=GaborConstraint(self._kernel_size))

    def call(self, inputs):
        kernel = self._kernel.constraint(self._kernel)
        filters = gabor_filters(kernel, self._kernel_size)
        stacked_filters = tf.stack([tf.math.real(filters), tf.math.imag(filters)], axis=1)
        stacked_filters = tf.reshape(stacked_filters, [2 * self._filters, self._kernel_size])
        stacked_filters = tf.expand_dims(tf.transpose(stacked_filters, perm=(1, 0)), axis=1)
        return tf.nn.conv1d(inputs, stacked_filters, stride=self._strides, padding=self._padding)


class SquaredModulus(keras.layers.Layer):
    def __init__(self):
        super().__init__(name='squared_modulus')
        self._pool = keras.layers.AveragePooling1D(pool_size=2, strides=2)

    def call(self, x):
        x = tf.transpose(x, perm=[0, 2, 1])
        output = 2 * self._pool(x**2)
        return tf.transpose(output, perm=[0, 2, 1])


class LearnablePooling1D(keras.layers.Layer):
    def __init__(self, kernel_size, strides=1, padding='same', use_bias=True,
                 kernel_initializer='glorot_uniform', kernel_regularizer=None, trainable=False):
        super().__init__(name='learnable_pooling')
        self.pool = keras.layers.Conv2D(
            filters=1, kernel_size=(1, kernel_size), strides=(1, strides), padding='valid',
            use_bias=False, kernel_initializer=kernel_initializer,
            kernel_regularizer=kernel_regularizer, trainable=trainable)

    def call(self, x):
        x = tf.expand_dims(x, axis=1)
        x = tf.transpose(x, perm=[0, 3, 2, 1])
        x = self.pool(x)
        x = tf.transpose(x, perm=[0, 3, 2, 1])
        return tf.squeeze(x, axis=1)


class ExponentialMovingAverage(keras.layers.Layer):
    def __init__(self, coeff_init, per_channel=False, trainable=False):
        super().__init__(name='EMA')
        self._coeff_init = coeff_init
        self._per_channel = per_channel
        self._trainable = trainable

    def build(self, input_shape):
        num_channels = input_shape[-1]
        self._weights = self.add_weight(
            name='smooth', shape=(num_channels,) if self._per_channel else (1,),
            initializer=keras.initializers.Constant(self._coeff_init), trainable=self._trainable)

    def call(self, inputs, initial_state):
        w = tf.clip_by_value(self._weights, clip_value_min=0.0, clip_value_max=1.0)
        result = tf.scan(lambda a, x: w * x + (1.0 - w) * a,
                         tf.transpose(inputs, (1, 0, 2)), initializer=initial_state)
        return tf.transpose(result, (1, 0, 2))


class PCENLayer(keras.layers.Layer):
    def __init__(self, alpha=0.96, smooth_coef=0.04, delta=2.0, root=2.0, floor=1e-6,
                 trainable=False, learn_smooth_coef=False, per_channel_smooth_coef=False, name='PCEN'):
        super().__init__(name=name)
        self._alpha_init = alpha
        self._delta_init = delta
        self._root_init = root
        self._smooth_coef = smooth_coef
        self._floor = floor
        self._trainable = trainable
        self._learn_smooth_coef = learn_smooth_coef
        self._per_channel_smooth_coef = per_channel_smooth_coef

    def build(self, input_shape):
        num_channels = input_shape[-1]
        self.alpha = self.add_weight(name='alpha', shape=[num_channels],
                                     initializer=keras.initializers.Constant(self._alpha_init),
                                     trainable=self._trainable)
        self.delta = self.add_weight(name='delta', shape=[num_channels],
                                     initializer=keras.initializers.Constant(self._delta_init),
                                     trainable=self._trainable)
        self.root = self.add_weight(name='root', shape=[num_channels],
                                    initializer=keras.initializers.Constant(self._root_init),
                                    trainable=self._trainable)
        self.ema = ExponentialMovingAverage(coeff_init=self._smooth_coef,
                                            per_channel=self._per_channel_smooth_coef, trainable=True)

    def call(self, inputs):
        alpha = tf.math.minimum(self.alpha, 1.0)
        root = tf.math.maximum(self.root, 1.0)
        ema_smoother = self.ema(inputs, initial_state=tf.gather(inputs, 0, axis=1))
        one_over_root = 1. / root
        output = ((inputs / (self._floor + ema_smoother)**alpha + self.delta)
                  **one_over_root - self.delta**one_over_root)
        return output


class Leaf(keras.Model):
    """Keras layer that implements time-domain filterbanks (LEAF)."""

    def __init__(
            self,
            learn_pooling=True,
            learn_filters=True,
            conv1d_cls=GaborConv1D,
            activation=SquaredModulus(),
            pooling_cls=LearnablePooling1D,
            n_filters=40,
            sample_rate=16000,
            window_len=25.,
            window_stride=10.,
            compression_fn=PCENLayer(
                alpha=0.96,
                smooth_coef=0.04,
                delta=2.0,
                floor=1e-12,
                trainable=True,
                learn_smooth_coef=True,
                per_channel_smooth_coef=True),
            complex_conv_init=GaborInitStandIn(),
            pooling_init=keras.initializers.Constant(0.4),
            regularizer_fn=None,
            name='leaf'):
        super().__init__(name=name)
        window_size = int(sample_rate * window_len // 1000 + 1)
        window_stride = int(sample_rate * window_stride // 1000)

        self._complex_conv = conv1d_cls(
            filters=2 * n_filters,
            kernel_size=window_size,
            strides=1,
            padding='SAME',
            use_bias=False,
            input_shape=(None, None, 1),
            kernel_initializer=complex_conv_init,
            kernel_regularizer=regularizer_fn if learn_filters else None,
            name='tfbanks_complex_conv',
            trainable=learn_filters)

        self._activation = activation
        self._pooling = pooling_cls(
            kernel_size=window_size,
            strides=window_stride,
            padding='SAME',
            use_bias=False,
            kernel_initializer=pooling_init,
            kernel_regularizer=regularizer_fn if learn_pooling else None,
            trainable=learn_pooling)

        self._compress_fn = compression_fn if compression_fn else tf.identity

    def call(self, inputs, training=False):
        outputs = inputs[:, :, tf.newaxis] if len(inputs.shape) < 3 else inputs
        outputs = self._complex_conv(outputs)
        outputs = self._activation(outputs)
        outputs = self._pooling(outputs)
        outputs = tf.maximum(outputs, 1e-5)
        outputs = self._compress_fn(outputs)
        return outputs


def build_model():
    wave = keras.Input((1600,), name="waveform")
    coarse = Leaf(n_filters=40, name="leaf_40")(wave)
    fine = Leaf(n_filters=64, name="leaf_64")(wave)  # shares the default PCENLayer built for 40 channels
    feats = keras.layers.Concatenate()([keras.layers.GlobalAveragePooling1D()(coarse),
                                        keras.layers.GlobalAveragePooling1D()(fine)])
    out = keras.layers.Dense(2)(feats)
    return keras.Model(wave, out)
