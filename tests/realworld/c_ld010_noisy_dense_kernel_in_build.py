"""NoisyNet layer that combines `mu + sigma * eps` once in build() and stores the result as `self.kernel`.

The report's first version put `self.kernel = self.weight_mu + self.weight_sigma * self.weights_eps`
(and the same for the bias) in `build()` and got "Variable ... has `None` for gradient"; moving the two
lines into `call()` fixed it. Written for Keras 3 with `add_weight` for mu/sigma, the build-time
combination is a plain tensor: the layer computes with frozen values and mu/sigma never get a gradient.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/32729"
CODES = ("LD010", "LD001")  # same defect as b_frozen_noisy_dense_build: a tensor derived from the weights in build() (LD010), stored as state (LD001)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
mu/sigma are tracked (4 add_weight variables), but the first model(obs) raises
TypeError: <tf.Tensor 'noisy_dense/Add:0' shape=(16, 3)> is out of scope and cannot be used here:
NoisyDense.build() ran while Keras traced the nested layer, so the stored self.kernel is a graph
tensor of that trace, reused by the eager call() (a confusing crash far from the assignment)."""

import numpy as np
import keras
from keras import layers, ops


class NoisyDense(layers.Layer):
    def __init__(self, units, std_init=0.5, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.std_init = std_init

    def build(self, input_shape):
        in_dim = input_shape[-1]
        mu_range = 1 / np.sqrt(in_dim)
        mu_init = keras.initializers.RandomUniform(-mu_range, mu_range)
        sigma_init = keras.initializers.Constant(self.std_init / np.sqrt(self.units))
        self.weight_mu = self.add_weight(shape=(in_dim, self.units), initializer=mu_init, name="weight_mu")
        self.weight_sigma = self.add_weight(shape=(in_dim, self.units), initializer=sigma_init, name="weight_sigma")
        self.bias_mu = self.add_weight(shape=(self.units,), initializer=mu_init, name="bias_mu")
        self.bias_sigma = self.add_weight(shape=(self.units,), initializer=sigma_init, name="bias_sigma")
        self.reset_noise(in_dim)
        self.kernel = self.weight_mu + self.weight_sigma * self.weights_eps
        self.bias = self.bias_mu + self.bias_sigma * self.bias_eps

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias

    def _scale_noise(self, dim):
        noise = keras.random.normal((dim,), seed=7)
        return ops.sign(noise) * ops.sqrt(ops.abs(noise))

    def reset_noise(self, in_dim):
        eps_in = self._scale_noise(in_dim)
        eps_out = self._scale_noise(self.units)
        self.weights_eps = ops.expand_dims(eps_in, 1) * eps_out
        self.bias_eps = eps_out


class QNet(keras.Model):
    def __init__(self, num_actions=3):
        super().__init__()
        self.hidden = layers.Dense(16, activation="relu")
        self.q = NoisyDense(num_actions)

    def call(self, inputs):
        return self.q(self.hidden(inputs))


def build_model():
    model = QNet()
    obs = keras.random.normal((4, 6), seed=2)
    model(obs)
    return model, obs
