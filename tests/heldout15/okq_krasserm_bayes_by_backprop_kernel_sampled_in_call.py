"""Martin Krasser's "Bayesian neural networks with Keras" blog post: a `DenseVariational` layer that
samples a fresh kernel and bias from its variational posterior in every `call()` and adds the KL term
with `self.add_loss` - correct on Keras 3.

The layer (Bayes by Backprop, `bayesian_neural_networks.ipynb`) sets its hyper-parameters before
`super().__init__`, creates four weights in `build()` (`kernel_mu`, `bias_mu`, `kernel_rho`,
`bias_rho`) and never uses them directly as the layer's kernel: `call()` builds
`kernel = kernel_mu + softplus(kernel_rho) * tf.random.normal(...)` as a local tensor, multiplies the
input by that sample and registers a KL penalty computed from the same sample through helper methods.
It looks like a weight-like tensor created in `call()` and like weights read only through derived
values, but the sample is meant to be re-drawn per call (reparameterisation trick) and gradients reach
all four weights; `add_loss` inside `call()` is supported by Keras 3.

Porting edits: `keras.backend` ops -> `tf` ops; `tensorflow_probability.distributions.Normal` (not
installed here) replaced by the closed-form normal log-density (same maths); `initializers.normal`
-> `initializers.RandomNormal`; three stacked layers of 20 units on a 1-d input as in the post.
"""

SOURCE = "https://github.com/krasserm/bayesian-machine-learning/blob/23785e0/bayesian-neural-networks/bayesian_neural_networks.ipynb"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/okq_krasserm_bayes_by_backprop_kernel_sampled_in_call.py:
as returned: Functional, count_params() = 962, 12 weights, unbuilt: none
after call: count_params() = 962, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_variational': 80, 'dense_variational_1': 840, 'dense_variational_2': 42}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine15a/probe.py - one SGD fit step (mse) changes 12 of 12 trainable weights, no
warning; inline check - after model(x) the model has 3 losses (one KL term per layer) and two calls on
the same input differ (a new kernel sample each call, as intended)."""

import math

import numpy as np
import tensorflow as tf
import keras
from keras import activations, initializers
from keras.layers import Layer


def _normal_log_prob(x, mu, sigma):
    return -0.5 * tf.square((x - mu) / sigma) - tf.math.log(sigma) - 0.5 * math.log(2.0 * math.pi)


class DenseVariational(Layer):
    def __init__(self,
                 units,
                 kl_weight,
                 activation=None,
                 prior_sigma_1=1.5,
                 prior_sigma_2=0.1,
                 prior_pi=0.5, **kwargs):
        self.units = units
        self.kl_weight = kl_weight
        self.activation = activations.get(activation)
        self.prior_sigma_1 = prior_sigma_1
        self.prior_sigma_2 = prior_sigma_2
        self.prior_pi_1 = prior_pi
        self.prior_pi_2 = 1.0 - prior_pi
        self.init_sigma = np.sqrt(self.prior_pi_1 * self.prior_sigma_1 ** 2 +
                                  self.prior_pi_2 * self.prior_sigma_2 ** 2)

        super().__init__(**kwargs)

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.units

    def build(self, input_shape):
        self.kernel_mu = self.add_weight(name='kernel_mu',
                                         shape=(input_shape[1], self.units),
                                         initializer=initializers.RandomNormal(stddev=self.init_sigma),
                                         trainable=True)
        self.bias_mu = self.add_weight(name='bias_mu',
                                       shape=(self.units,),
                                       initializer=initializers.RandomNormal(stddev=self.init_sigma),
                                       trainable=True)
        self.kernel_rho = self.add_weight(name='kernel_rho',
                                          shape=(input_shape[1], self.units),
                                          initializer=initializers.Constant(0.0),
                                          trainable=True)
        self.bias_rho = self.add_weight(name='bias_rho',
                                        shape=(self.units,),
                                        initializer=initializers.Constant(0.0),
                                        trainable=True)
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        kernel_sigma = tf.math.softplus(self.kernel_rho)
        kernel = self.kernel_mu + kernel_sigma * tf.random.normal(self.kernel_mu.shape)

        bias_sigma = tf.math.softplus(self.bias_rho)
        bias = self.bias_mu + bias_sigma * tf.random.normal(self.bias_mu.shape)

        self.add_loss(self.kl_loss(kernel, self.kernel_mu, kernel_sigma) +
                      self.kl_loss(bias, self.bias_mu, bias_sigma))

        return self.activation(tf.matmul(inputs, kernel) + bias)

    def kl_loss(self, w, mu, sigma):
        return self.kl_weight * tf.reduce_sum(_normal_log_prob(w, mu, sigma) - self.log_prior_prob(w))

    def log_prior_prob(self, w):
        comp_1 = tf.exp(_normal_log_prob(w, 0.0, self.prior_sigma_1))
        comp_2 = tf.exp(_normal_log_prob(w, 0.0, self.prior_sigma_2))
        return tf.math.log(self.prior_pi_1 * comp_1 + self.prior_pi_2 * comp_2)


def build_model():
    train_size = 32
    batch_size = train_size
    num_batches = train_size / batch_size
    kl_weight = 1.0 / num_batches
    prior_params = {
        'prior_sigma_1': 1.5,
        'prior_sigma_2': 0.1,
        'prior_pi': 0.5
    }
    x_in = keras.Input(shape=(1,))
    x = DenseVariational(20, kl_weight, **prior_params, activation='relu')(x_in)
    x = DenseVariational(20, kl_weight, **prior_params, activation='relu')(x)
    x = DenseVariational(1, kl_weight, **prior_params)(x)
    return keras.Model(x_in, x)
