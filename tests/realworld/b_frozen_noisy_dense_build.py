"""NoisyDense computes `self.kernel = mu + sigma * eps` in `build()`: a frozen copy (a crash on Keras 3, no gradient on tf.keras 2).

The reporter (a DQN with noisy layers, TF 2.0) got "Variable ... noisy_dense/bias:0 has `None`
for gradient" as soon as the two sums were placed in `build()`; moving the same two lines
into `call()` made the error disappear. In `build()` the sums are computed once, from the
initial values, and `call()` multiplies by that frozen tensor.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/32729"
CODES = ("LD010", "LD009")  # a frozen copy of the weight used in its place (LD010); the weight gets no gradient (LD009)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
on Keras 3 the frozen sums do not even survive the first call: NoisyQNet has no build(), so its
first call on a (1, 8) batch builds the NoisyDense layers while tracing call() in a scratch
FuncGraph; `self.kernel`/`self.bias` are tensors of that graph, and the eager call raises
TypeError "Exception encountered when calling NoisyDense.call(). <tf.Tensor 'noisy_dense/Add_2:0'
shape=(8, 32)> is out of scope and cannot be used here." (build_model raises it). On tf.keras 2
(the report) the same code ran and every mu/sigma weight got a None gradient."""

import numpy as np

import keras
from keras import layers, ops


class NoisyDense(layers.Layer):
    def __init__(self, units, std_init=0.5, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.std_init = std_init

    def reset_noise(self, input_dim):
        self.weights_eps = keras.random.normal((input_dim, self.units))
        self.bias_eps = keras.random.normal((self.units,))

    def build(self, input_shape):
        in_dim = input_shape[-1]
        self.reset_noise(in_dim)
        mu_range = 1 / np.sqrt(in_dim)
        mu_init = keras.initializers.RandomUniform(-mu_range, mu_range)
        sigma_init = keras.initializers.Constant(self.std_init / np.sqrt(self.units))
        self.weight_mu = self.add_weight(shape=(in_dim, self.units), initializer=mu_init, name="weight_mu")
        self.weight_sigma = self.add_weight(shape=(in_dim, self.units), initializer=sigma_init, name="weight_sigma")
        self.bias_mu = self.add_weight(shape=(self.units,), initializer=mu_init, name="bias_mu")
        self.bias_sigma = self.add_weight(shape=(self.units,), initializer=sigma_init, name="bias_sigma")

        self.kernel = self.weight_mu + self.weight_sigma * self.weights_eps
        self.bias = self.bias_mu + self.bias_sigma * self.bias_eps

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias


class NoisyQNet(keras.Model):
    def __init__(self, num_actions=3, **kwargs):
        super().__init__(**kwargs)
        self.hidden = NoisyDense(32)
        self.q_values = NoisyDense(num_actions)

    def call(self, obs):
        return self.q_values(ops.relu(self.hidden(obs)))


def build_model():
    model = NoisyQNet()
    model(np.zeros((1, 8), dtype="float32"))
    return model
