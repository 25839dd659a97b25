"""A NoisyNet dueling DQN's `NoisyDense` keeps its mu/sigma weights and biases as `tf.Variable`s made in
`__init__`: Keras 3 does not track them, so the Q-network's noisy head has 0 parameters and is never trained.

From Huixxi/TensorFlow2.0-for-Deep-Reinforcement-Learning (`07_noisynet.py`, "Building Rainbow step by step with
TensorFlow 2.0", CartPole). `Model(tf.keras.Model)` is a dueling network whose value/advantage head is
`self.val_adv_fc = NoisyDense(num_actions + 1, input_dim=32)`; `NoisyDense(kl.Layer)` (after Kaixhin's PyTorch
Rainbow) builds `weight_mu`, `weight_sigma`, `bias_mu`, `bias_sigma` as `tf.Variable(initial_value=..., trainable=True)`
in `__init__` (the `nn.Parameter`s of the PyTorch original), and factorised noise tensors (`weights_eps`, `bias_eps`)
with `reset_noise`. Written for TF 2.0, where tf.keras tracked `tf.Variable` attributes; on Keras 3 (which
`tf.keras` is with TF 2.16+) the four variables are invisible to the layer: `model.trainable_variables` holds only
the two shared Dense layers, so `model.compile(...)` / `train_on_batch` never updates the noisy head (LD003).
The `self.kernel = ...` / `self.bias = ...` tensors assigned in `call()` are derived from the variables and
rebuilt every call (they are not state), and the hand-given `input_dim` is only used for shapes.

Porting edits: none to the two classes (only the gym/replay/agent code is left out). `build_model()` makes
`Model(2)` as `test_model()` does for CartPole (2 actions) and calls it on a (1, 4) observation batch.
"""

SOURCE = "https://github.com/Huixxi/TensorFlow2.0-for-Deep-Reinforcement-Learning/blob/06bb8651eff482c4c0c2b18899b588733c71859c/07_noisynet.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/bh_huixxi_tf2drl_noisynet_noisydense_tf_variables_in_init_untracked.py:
as returned: Model, count_params() = 624, 4 weights, unbuilt: none
after call: count_params() = 624, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 4 variables the model does not track: ['Variable:0', 'Variable:0', 'Variable:0', 'Variable:0']
params of the case's own layers: {'noisy_dense': 0}
second call: 0 variables watched that the first call did not use
The 624 counted parameters are the two shared Dense layers (4*16+16 + 16*32+32); NoisyDense's 4 tf.Variables (32*3*2 + 3*2 = 198 values) are watched by the tape but absent from model.trainable_variables.
probe (probe_huixxi.py): after model.compile(Adam(0.005, clipvalue=10.0), 'mse') and one train_on_batch, weight_mu,
weight_sigma, bias_mu and bias_sigma are all unchanged; the NoisyDense layer has 0 weights."""

import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as kl


# Neural Network Model Defined at Here.
class Model(tf.keras.Model):
    def __init__(self, num_actions):
        super().__init__(name='basic_nstepTD')
        # you can try different kernel initializer
        self.shared_fc1 = kl.Dense(16, activation='relu', kernel_initializer='he_uniform')
        self.shared_fc2 = kl.Dense(32, activation='relu', kernel_initializer='he_uniform')
        # there is a trick that combining the two streams' fc layer, then
        # the output of that layer is a |A| + 1 dimension tensor: |V|A1|A2| ... |An|
        # output[:, 0] is state value, output[:, 1:] is action advantage
        self.val_adv_fc = NoisyDense(num_actions + 1, input_dim=32)

    # forward propagation
    def call(self, inputs):
        x = self.shared_fc1(inputs)
        x = self.shared_fc2(x)
        val_adv = self.val_adv_fc(x)
        # average version, you can also try the max version.
        outputs = tf.expand_dims(val_adv[:, 0], -1) + (val_adv[:, 1:] - tf.reduce_mean(val_adv[:, 1:], -1, keepdims=True))
        return outputs

    # a* = argmax_a' Q(s, a')
    def action_value(self, obs):
        q_values = self.predict(obs)
        best_action = np.argmax(q_values, axis=-1)
        return best_action if best_action.shape[0] > 1 else best_action[0], q_values[0]


# Factorized Gaussian Noise Layer
# Reference from https://github.com/Kaixhin/Rainbow/blob/master/model.py
class NoisyDense(kl.Layer):
    def __init__(self, units, input_dim, std_init=0.5):
        super().__init__()
        self.units = units
        self.std_init = std_init
        self.reset_noise(input_dim)
        mu_range = 1 / np.sqrt(input_dim)
        mu_initializer = tf.random_uniform_initializer(-mu_range, mu_range)
        sigma_initializer = tf.constant_initializer(self.std_init / np.sqrt(self.units))

        self.weight_mu = tf.Variable(initial_value=mu_initializer(shape=(input_dim, units), dtype='float32'),
                                     trainable=True)

        self.weight_sigma = tf.Variable(initial_value=sigma_initializer(shape=(input_dim, units), dtype='float32'),
                                        trainable=True)

        self.bias_mu = tf.Variable(initial_value=mu_initializer(shape=(units,), dtype='float32'),
                                     trainable=True)

        self.bias_sigma = tf.Variable(initial_value=sigma_initializer(shape=(units,), dtype='float32'),
                                        trainable=True)

    def call(self, inputs):
        self.kernel = self.weight_mu + self.weight_sigma * self.weights_eps
        self.bias = self.bias_mu + self.bias_sigma * self.bias_eps
        return tf.matmul(inputs, self.kernel) + self.bias

    def _scale_noise(self, dim):
        noise = tf.random.normal([dim])
        return tf.sign(noise) * tf.sqrt(tf.abs(noise))

    def reset_noise(self, input_shape):
        eps_in = self._scale_noise(input_shape)
        eps_out = self._scale_noise(self.units)
        self.weights_eps = tf.multiply(tf.expand_dims(eps_in, 1), eps_out)
        self.bias_eps = eps_out


def build_model():
    model = Model(2)  # CartPole-v0: 2 actions, 4-dim observations
    obs = np.random.default_rng(0).standard_normal((1, 4)).astype("float32")
    model(obs)
    return model, obs
