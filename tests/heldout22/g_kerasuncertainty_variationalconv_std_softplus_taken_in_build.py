"""keras-uncertainty's Bayes-by-backprop `VariationalConv2D`: `build()` creates the kernel mean and the
kernel "var" with `add_weight`, but turns the var into a standard deviation (`ops.softplus(var)`) right
there in `build()` and keeps only that tensor inside a plain `GaussianDistribution` object.

From mvaldenegro/keras-uncertainty (`keras_uncertainty/layers/variational_layers.py`, the Keras 3 port
that imports `keras.ops`/`keras.random`). `call()` samples `mean + std * noise` from the stored
distribution object: the std is a constant computed once at build time, so the `kernel_var` weight is
counted as trainable but never receives a gradient (the variational posterior's spread never learns;
only the mean does). `use_bias_distribution=False` makes the bias std `ops.zeros`, as in the author's
file.

Porting edits: `GaussianDistribution` (imported by the author from `keras_uncertainty.distributions.
gaussian`, not in the stored file) written as a minimal class holding mean/std/shape with `sample()`
= mean + std * normal noise and a Gaussian `log_probability`; the module-level `probability` helper
written with `keras.ops` (the stored helper uses `keras.backend.log/square/exp`, absent on Keras 3);
`VariationalConv` reads `self.prior`, `self.prior_sigma_1/2` and `self.prior_pi_1/2` but never sets them
(AttributeError in `call()`), so they are given `VariationalDense`'s defaults in `__init__`;
`ops.bias_add(..., data_format="channels_last")` (not in `keras.ops`) -> `inputs + bias`;
`conv_utils.normalize_*` replaced by small tuple helpers; filters 8 on a 16x16x3 image.
"""

SOURCE = "https://github.com/mvaldenegro/keras-uncertainty/blob/268fd58fb869cb914ac1dc97d33ba41d2cd201ff/keras_uncertainty/layers/variational_layers.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/g_kerasuncertainty_variationalconv_std_softplus_taken_in_build.py:
as returned: Functional, count_params() = 458, 5 weights, unbuilt: none
after call: count_params() = 458, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 5 trainable weights: ['variational_conv2d/kernel_var']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'variational_conv2d': 440}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine22b/pfit.py, SGD(0.1), mse, one fit step): 4/5 trainable weights change; 'variational_conv2d/kernel_var' is unchanged (the std sampled in call() is the constant softplus taken in build())."""

import math

import numpy as np
import keras
from keras import activations, random, ops
from keras.layers import Layer

NegHalfLog2PI = -0.5 * math.log(2.0 * math.pi)
InvSqrt2PI = 1.0 / (math.sqrt(2.0 * math.pi))


def probability(x, mu, sigma):
    x = ops.square((x - mu) / sigma)
    return InvSqrt2PI * (1.0 / sigma) * ops.exp(-0.5 * x)


class GaussianDistribution:
    def __init__(self, mean, std, shape):
        self.mean = mean
        self.std = std
        self.shape = shape

    def sample(self):
        return self.mean + self.std * random.normal(self.shape)

    def log_probability(self, x):
        return NegHalfLog2PI - ops.log(self.std + 1e-8) - 0.5 * ops.square((x - self.mean) / (self.std + 1e-8))


def normalize_tuple(value, n, name):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * n


class VariationalConv(Layer):
    def __init__(self, rank, filters, kernel_size, kl_weight, strides=1, padding="valid", dilation_rate=1, activation="linear", use_bias_distribution = False, **kwargs):
        super().__init__(**kwargs)

        self.rank = rank
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, self.rank, "kernel_size")
        self.kl_weight = kl_weight
        self.strides = normalize_tuple(strides, rank, 'strides')
        self.padding = padding
        self.dilation_rate = normalize_tuple(dilation_rate, rank, 'dilation_rate')
        self.activation = activations.get(activation)
        self.use_bias_distribution = use_bias_distribution
        # porting edit: read below but never set in the author's class
        self.prior = True
        self.prior_sigma_1, self.prior_sigma_2 = 1.5, 0.1
        self.prior_pi_1, self.prior_pi_2 = 0.5, 0.5

    def build(self, input_shape):
        self.kernel_distribution, self.bias_distribution  = self.build_kernel_bias_distribution(input_shape, use_bias_distribution=self.use_bias_distribution)

    def call(self, inputs):
        output = self.apply_kernel(inputs)
        output += self.apply_bias(output)

        if self.activation is not None:
            output = self.activation(output)

        return output

    def build_kernel_bias_distributions(self, input_shape, use_bias_distribution=False):
        raise NotImplementedError("This method should be overriden in a subclass")

    def apply_kernel(self, inputs):
         raise NotImplementedError("This method should be overriden in a subclass")

    def apply_bias(self, inputs):
        raise NotImplementedError("This method should be overriden in a subclass")

    def get_config(self):
        return {}

    def conv(self, inputs, kernel):
        conv_dict = {
            1: ops.conv,
            2: ops.conv,
            3: ops.conv
        }

        return conv_dict[self.rank](inputs, kernel, strides=self.strides, padding=self.padding, data_format="channels_last", dilation_rate=self.dilation_rate)

    def log_prior_prob(self, parameter):
        return ops.log(self.prior_pi_1 * probability(parameter, 0.0, self.prior_sigma_1) +
                     self.prior_pi_2 * probability(parameter, 0.0, self.prior_sigma_2))

    def kl_loss(self, parameter, distribution):
        return self.kl_weight * ops.mean(distribution.log_probability(parameter)  - self.prior * self.log_prior_prob(parameter))


class VariationalConvND(VariationalConv):
    def __init__(self, rank, filters, kernel_size, kl_weight, strides=1, padding="valid", dilation_rate=1, activation="linear", **kwargs):
        super().__init__(rank, filters, kernel_size, kl_weight, strides, padding, dilation_rate, activation, **kwargs)

    def build_kernel_bias_distribution(self, input_shape, use_bias_distribution=False):
        input_channels = input_shape[-1]
        kernel_shape = self.kernel_size + (input_channels, self.filters)

        mean = self.add_weight(name="kernel_mean", shape=kernel_shape, initializer="glorot_uniform")
        var = self.add_weight(name="kernel_var", shape=kernel_shape, initializer="glorot_uniform")
        std = ops.softplus(var)

        kernel_distribution = GaussianDistribution(mean, std, kernel_shape)

        bias_shape = (self.filters, )
        mean = self.add_weight(name="bias_mean", shape=bias_shape, initializer="glorot_uniform")

        if use_bias_distribution:
            var = self.add_weight(name="bias_var", shape=bias_shape, initializer="glorot_uniform")
            std = ops.softplus(var)
        else:
            std = ops.zeros(bias_shape)

        bias_distribution = GaussianDistribution(mean, std, bias_shape)

        return kernel_distribution, bias_distribution

    def apply_kernel(self, inputs):
        kernel = self.kernel_distribution.sample()

        loss = self.kl_loss(kernel, self.kernel_distribution)
        self.add_loss(loss)

        return self.conv(inputs, kernel)

    def apply_bias(self, inputs):
        bias = self.bias_distribution.sample()

        if self.use_bias_distribution:
            loss = self.kl_loss(bias, self.bias_distribution)

            self.add_loss(loss)

        return inputs + bias  # porting edit: ops.bias_add(inputs, bias, data_format="channels_last")


class VariationalConv2D(VariationalConvND):
    def __init__(self, filters, kernel_size, kl_weight, strides=(1, 1), padding="valid", dilation_rate=1, activation="linear", **kwargs):
        super().__init__(2, filters, kernel_size, kl_weight, strides, padding, dilation_rate, activation, **kwargs)


def build_model():
    inp = keras.Input((16, 16, 3))
    x = VariationalConv2D(8, (3, 3), kl_weight=1e-3, activation="relu")(inp)
    x = keras.layers.GlobalAveragePooling2D()(x)
    out = keras.layers.Dense(2, activation="softmax")(x)
    return keras.Model(inp, out)
