"""A NoisyNet dense layer for an RL agent keeps mu/sigma as tf.Variables created in build().

The reporter wrote `NoisyDense` for an n-step TD agent trained with a GradientTape loop; mu and sigma
are `tf.Variable`s made in `build()` and the noise is resampled by a helper. After moving the
`mu + sigma * eps` combination into `call()` (the fix for the `None` gradient in the report) the layer
trains on tf.keras 2; on Keras 3 the same code has no weights, and the agent's
`model.trainable_variables` holds only the ordinary Dense layers.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/32729"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
QNet with Dense(16) + NoisyDense(3): after the GradientTape step model.count_params() == 112 (only the
Dense: 6*16+16); the 4 mu/sigma tf.Variables of NoisyDense (102 values) are watched by the tape but are
not in model.trainable_variables, so apply_gradients never updates them; no warning."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
import tensorflow.keras.layers as kl


class NoisyDense(kl.Layer):
    def __init__(self, units, std_init=0.5):
        super().__init__()
        self.units = units
        self.std_init = std_init

    def build(self, input_shape):
        self.reset_noise(input_shape[-1])
        mu_range = 1 / np.sqrt(input_shape[-1])
        mu_initializer = tf.random_uniform_initializer(-mu_range, mu_range)
        sigma_initializer = tf.constant_initializer(self.std_init / np.sqrt(self.units))
        self.weight_mu = tf.Variable(
            initial_value=mu_initializer(shape=(input_shape[-1], self.units), dtype="float32"), trainable=True)
        self.weight_sigma = tf.Variable(
            initial_value=sigma_initializer(shape=(input_shape[-1], self.units), dtype="float32"), trainable=True)
        self.bias_mu = tf.Variable(
            initial_value=mu_initializer(shape=(self.units,), dtype="float32"), trainable=True)
        self.bias_sigma = tf.Variable(
            initial_value=sigma_initializer(shape=(self.units,), dtype="float32"), trainable=True)

    def call(self, inputs):
        kernel = self.weight_mu + self.weight_sigma * self.weights_eps
        bias = self.bias_mu + self.bias_sigma * self.bias_eps
        return tf.matmul(inputs, kernel) + bias

    def _scale_noise(self, dim):
        noise = tf.random.normal([dim])
        return tf.sign(noise) * tf.sqrt(tf.abs(noise))

    def reset_noise(self, input_shape):
        eps_in = self._scale_noise(input_shape)
        eps_out = self._scale_noise(self.units)
        self.weights_eps = tf.multiply(tf.expand_dims(eps_in, 1), eps_out)
        self.bias_eps = eps_out


class QNet(keras.Model):
    def __init__(self, num_actions=3):
        super().__init__()
        self.hidden = kl.Dense(16, activation="relu")
        self.logits = NoisyDense(num_actions)

    def call(self, inputs):
        return self.logits(self.hidden(inputs))


def build_model():
    model = QNet()
    obs = tf.random.normal((4, 6), seed=2)
    optimizer = keras.optimizers.Adam(1e-3)
    with tf.GradientTape() as tape:
        q = model(obs)
        loss = tf.reduce_mean(tf.square(q - 1.0))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return model, obs
