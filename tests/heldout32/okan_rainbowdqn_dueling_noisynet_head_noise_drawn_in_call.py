"""A distributional dueling Rainbow head (`RainbowModel`) whose value and advantage streams are
`NoisyNetDense` layers that draw their factorised Gaussian noise with `K.random_normal` inside every
`call()` and create their initializers in `build()`: looks like state made in call, but the noise is
a per-call local and all mu/sigma weights are tracked and trained.

From djbharrold/rainbow-dqn (`utilities/models.py`, the Rainbow model of the repository's
LunarLander agent, with `NoisyNetDense` from `utilities/layers.py`, which this file reproduces too).
`NoisyNetDense.build()` stores two initializer objects on `self`, adds `mu_weights`, `sigma_weights`,
`mu_bias`, `sigma_bias` with `add_weight` and calls `super().build()`; `call(x, noise=True)` samples
`e_i`, `e_j` and combines them into `e_w`, `e_b` (returning `0, 0` when `noise=False`, i.e. the
sigmas then get no gradient for that call, by design). `RainbowModel.call(state, noise=True)` reshapes
V to (-1, 1, atoms) and A to (-1, actions, atoms), subtracts the mean advantage and applies a softmax
over the atoms.

Porting edits: none to the code; both files are merged into one module. build_model(): a
LunarLander-sized model, `RainbowModel(4 actions, 64, 64, 51 atoms)`, called once on 8 state
features, returned with those inputs.
"""

SOURCE = "https://github.com/djbharrold/rainbow-dqn/blob/46ff1af6cec57f6590e3d3d57bdffdd3dc791c83/utilities/models.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okan_rainbowdqn_dueling_noisynet_head_noise_drawn_in_call.py:
as returned: RainbowModel, count_params() = 37886, 12 weights, unbuilt: none
after call: count_params() = 37886, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_net_dense': 6630, 'noisy_net_dense_1': 26520}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import tensorflow.keras as keras
import tensorflow.keras.backend as K
import tensorflow.keras.layers as kl
from tensorflow.keras import activations, constraints, initializers, regularizers
from tensorflow.keras.layers import Dense


class NoisyNetDense(kl.Layer):
    def __init__(self, units, sigma_zero=0.5, activation=None, use_bias=True,
                 kernel_initializer='glorot_uniform', bias_initializer='zeros',
                 kernel_regularizer=None, activity_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, bias_constraint=None,
                 **kwargs):

        super(NoisyNetDense, self).__init__(**kwargs)

        self.units = units
        self.sigma_init = sigma_zero
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def build(self, input_shape):
        self.input_dim = input_shape[-1]
        sqr_inputs = self.input_dim ** 0.5
        mu_range = 1 / sqr_inputs
        self.sigma_initializer = initializers.Constant(value=(self.sigma_init / sqr_inputs))
        self.mu_initializer = initializers.RandomUniform(minval=-mu_range, maxval=mu_range)

        self.mu_weight = self.add_weight(
            shape=(self.input_dim, self.units), initializer=self.mu_initializer, name='mu_weights',
            constraint=self.kernel_constraint, regularizer=self.kernel_regularizer)

        self.sigma_weight = self.add_weight(
            shape=(self.input_dim, self.units), initializer=self.sigma_initializer, name='sigma_weights',
            constraint=self.kernel_constraint, regularizer=self.kernel_regularizer)

        self.mu_bias = self.add_weight(
            shape=(self.units,), initializer=self.mu_initializer, name='mu_bias',
            constraint=self.bias_constraint, regularizer=self.bias_regularizer)

        self.sigma_bias = self.add_weight(
            shape=(self.units,), initializer=self.sigma_initializer, name='sigma_bias',
            constraint=self.bias_constraint, regularizer=self.bias_regularizer)

        super(NoisyNetDense, self).build(input_shape=input_shape)

    def call(self, x, noise=True):
        e_w, e_b = self.get_noise_params(noise)
        noise_injected_weights = K.dot(x, self.mu_weight + (self.sigma_weight * e_w))
        noise_injected_bias = self.mu_bias + (self.sigma_bias * e_b)
        output = K.bias_add(noise_injected_weights, noise_injected_bias)
        if self.activation is not None:
            output = self.activation(output)
        return output

    def get_noise_params(self, noise=True):
        if noise is True:
            e_i = K.random_normal((self.input_dim, self.units))
            e_j = K.random_normal((self.units,))
            e_w = K.sign(e_i) * K.sqrt(K.abs(e_i)) * K.sign(e_j) * K.sqrt(K.abs(e_j))
            e_b = K.sign(e_j) * K.sqrt(K.abs(e_j))
            return e_w, e_b
        else:
            return 0, 0

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)


class RainbowModel(keras.Model):
    def __init__(self, n_actions, layer1_dims, layer2_dims, n_atoms, sigma_init=0.5):
        super(RainbowModel, self).__init__()
        self.n_actions = n_actions
        self.n_atoms = n_atoms
        self.dense1 = Dense(layer1_dims, activation="relu")
        self.dense2 = Dense(layer2_dims, activation="relu")
        self.V = NoisyNetDense(n_atoms, activation="linear", sigma_zero=sigma_init)
        self.A = NoisyNetDense(n_actions * n_atoms, activation="linear", sigma_zero=sigma_init)

    def call(self, state, noise=True):
        x = self.dense1(state)
        x = self.dense2(x)
        v_logits = self.V(x, noise=noise)
        a_logits = self.A(x, noise=noise)
        v = tf.reshape(v_logits, [-1, 1, self.n_atoms])
        a = tf.reshape(a_logits, [-1, self.n_actions, self.n_atoms])
        q = v + (a - tf.math.reduce_mean(a, axis=1, keepdims=True))
        probs = tf.keras.activations.softmax(q)
        return probs


def build_model():
    model = RainbowModel(4, 64, 64, 51)
    x = np.random.default_rng(0).random((2, 8)).astype("float32")
    model(x)
    return model, x
