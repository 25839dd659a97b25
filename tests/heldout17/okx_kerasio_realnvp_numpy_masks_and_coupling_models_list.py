"""keras-io's Real NVP density estimator: a subclassed Model that keeps its alternating coupling
masks as a NumPy array on `self`, its six coupling networks (functional Models returning `s, t`)
in a plain list, and trains in a custom `train_step` that takes `self.trainable_variables`.
Correct on Keras 3: the masks are meant to be constants, the list is tracked, and every coupling
network's weights get gradients through the log-likelihood.

Why it looks suspicious: a weight-shaped NumPy array stored in `__init__` (the "raw tensor state"
shape), sub-models only reachable through `self.layers_list[i]`, a loss that does not go through
`compile()`, `call(x, training=True)` running the flow backwards by default, and an `s *= mask`
that multiplies the coupling output in place. The masks are fixed by design (checkerboard
alternation), not parameters.

Porting edits: `tfp.distributions.MultivariateNormalDiag(loc=0, scale=1)` replaced by its closed
form `-0.5 * sum(y**2) - log(2*pi)` (TensorFlow Probability is not installed; the log-probability
is the same); `output_dim` 256 -> 16 and 4 coupling layers instead of 6; make_moons data replaced by
random points; plotting and training left out.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/1152d883930e8ab91a8c16366d5a21c67d771e82/examples/generative/real_nvp.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okx_kerasio_realnvp_numpy_masks_and_coupling_models_list.py:
as returned: RealNVP, count_params() = 7184, 80 weights, unbuilt: none
after call: count_params() = 7184, 80 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 80 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17b/nvp.py): gradient of log_loss (the custom train_step's loss) None for 0 of 80; compile(Adam)
+ fit 2 steps through the custom train_step: 80/80 trainable weights changed; no warning. The NumPy masks are not
weights (by design)."""

import math

import numpy as np
import tensorflow as tf
import keras
from keras import layers, regularizers

output_dim = 16
reg = 0.01


def Coupling(input_shape):
    input = keras.layers.Input(shape=(input_shape,))

    t_layer_1 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(input)
    t_layer_2 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(t_layer_1)
    t_layer_3 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(t_layer_2)
    t_layer_4 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(t_layer_3)
    t_layer_5 = keras.layers.Dense(input_shape, activation="linear", kernel_regularizer=regularizers.l2(reg))(t_layer_4)

    s_layer_1 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(input)
    s_layer_2 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(s_layer_1)
    s_layer_3 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(s_layer_2)
    s_layer_4 = keras.layers.Dense(output_dim, activation="relu", kernel_regularizer=regularizers.l2(reg))(s_layer_3)
    s_layer_5 = keras.layers.Dense(input_shape, activation="tanh", kernel_regularizer=regularizers.l2(reg))(s_layer_4)

    return keras.Model(inputs=input, outputs=[s_layer_5, t_layer_5])


class RealNVP(keras.Model):
    def __init__(self, num_coupling_layers):
        super().__init__()

        self.num_coupling_layers = num_coupling_layers

        self.masks = np.array(
            [[0, 1], [1, 0]] * (num_coupling_layers // 2), dtype="float32"
        )
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.layers_list = [Coupling(2) for i in range(num_coupling_layers)]

    @property
    def metrics(self):
        return [self.loss_tracker]

    def call(self, x, training=True):
        log_det_inv = 0
        direction = 1
        if training:
            direction = -1
        for i in range(self.num_coupling_layers)[::direction]:
            x_masked = x * self.masks[i]
            reversed_mask = 1 - self.masks[i]
            s, t = self.layers_list[i](x_masked)
            s *= reversed_mask
            t *= reversed_mask
            gate = (direction - 1) / 2
            x = (
                reversed_mask
                * (x * tf.exp(direction * s) + direction * t * tf.exp(gate * s))
                + x_masked
            )
            log_det_inv += gate * tf.reduce_sum(s, [1])

        return x, log_det_inv

    def log_loss(self, x):
        y, logdet = self(x)
        # tfp MultivariateNormalDiag([0, 0], [1, 1]).log_prob(y), written out
        log_prob = -0.5 * tf.reduce_sum(tf.square(y), axis=-1) - math.log(2 * math.pi)
        log_likelihood = log_prob + logdet
        return -tf.reduce_mean(log_likelihood)

    def train_step(self, data):
        with tf.GradientTape() as tape:
            loss = self.log_loss(data)

        g = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(g, self.trainable_variables))
        self.loss_tracker.update_state(loss)

        return {"loss": self.loss_tracker.result()}

    def test_step(self, data):
        loss = self.log_loss(data)
        self.loss_tracker.update_state(loss)

        return {"loss": self.loss_tracker.result()}


def build_model():
    model = RealNVP(num_coupling_layers=4)
    data = np.random.default_rng(0).normal(size=(8, 2)).astype("float32")
    model(data)
    return model, data
