"""A NoisyNet `NoisyDense` Q-head whose noise samples `w_epsilon`/`b_epsilon` are plain `tf.random.normal`
tensors stored on the layer in `build()`.

From isabelmedettl/Omg-machine-learning (`Test/NoisyDense.py`), written for the DQN agent of the same
folder ("Noisy dense layer to introduce noise to the weights and biases, promoting exploration"). The
four learnable tensors (W_mu, W_sigma, b_mu, b_sigma) are proper `add_weight`s, but the two noise
tensors are raw eager tensors made once in `build()`: they are not layer state (not in `weights`, not
copied by `model_target.set_weights(model.get_weights())`, not saved with `model.save(...keras)`) and
are never resampled, so the "noise" is one fixed random offset baked into the graph.

Porting edits: `tensorflow.keras.layers` -> `keras.layers` (the ops stay `tf.*`); `build_model()` puts
the layer as the output head of a small DQN MLP like the folder's `create_q_model()` (state of 8
features, Dense(16) instead of the conv stack, 18 actions -> 4), with no environment or training loop.
"""

SOURCE = "https://github.com/isabelmedettl/Omg-machine-learning/blob/b6bd7d2cb5dc68d692515bda999a155c4bf97a74/Test/NoisyDense.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/i_omgml_noisy_dense_epsilon_tensors_frozen_in_build.py:
as returned: Sequential, count_params() = 280, 6 weights, unbuilt: none
after call: count_params() = 280, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_dense': 136}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine23b/noisyprobe.py): NoisyDense.weights = W_mu, W_sigma, b_mu, b_sigma only;
w_epsilon is an EagerTensor outside the layer state. Two calls on one input give identical Q-values (the
noise is never resampled), and a target network given model.get_weights() through set_weights() does
not reproduce the online network (max |diff| 0.25): each copy keeps its own frozen epsilon, which no
checkpoint or .keras file carries."""

import keras
import tensorflow as tf
from keras import layers


class NoisyDense(layers.Layer):
    """
    Noisy dense layer to introduce noise to the weights and biases, promoting exploration
    """

    def __init__(self, units, **kwargs):
        super(NoisyDense, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.input_dim = input_shape[-1]

        # Weight parameters

        self.W_mu = self.add_weight(shape=(self.input_dim, self.units), initializer='random_normal', name='W_mu')
        self.W_sigma = self.add_weight(shape=(self.input_dim, self.units), initializer='random_normal', name='W_sigma')
        self.w_epsilon = tf.random.normal((self.input_dim, self.units))

        # Bias parameters
        self.b_mu = self.add_weight(shape=(self.units,), initializer='random_normal', name='b_mu')
        self.b_sigma = self.add_weight(shape=(self.units,), initializer='random_normal', name='b_sigma')
        self.b_epsilon = tf.random.normal((self.units,))

        super(NoisyDense, self).build(input_shape)

    def call(self, inputs):
        W = self.W_mu + self.W_sigma * self.w_epsilon
        b = self.b_mu + self.b_sigma * self.b_epsilon

        return tf.matmul(inputs, W) + b

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.units


num_actions = 4


def create_q_model():
    return keras.Sequential(
        [
            keras.Input(shape=(8,)),
            layers.Dense(16, activation="relu"),
            NoisyDense(num_actions),
        ]
    )


def build_model():
    return create_q_model()
