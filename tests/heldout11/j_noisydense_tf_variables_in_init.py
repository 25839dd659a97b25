"""NoisyNet layer for a Rainbow-DQN study repo: mu/sigma kept as raw `tf.Variable`s created in `__init__`.

A personal reinforcement-learning practice repo (Traditional-Chinese comments: "mu亂數，sigma常數0.1
(我要當rainbow)", "是訓練階段給高斯雜訊，不是就把epsilon設0") writes `NoisyDense(tf.keras.layers.Layer)`: the
constructor builds `mu_w`, `sigma_w`, `mu_bias`, `sigma_bias` as `tf.Variable(initial_value=init(shape=(units,
units)))` (the input width is assumed equal to `units`), and call() adds factorised Gaussian noise. The
layer is the last layer of a dueling DQN built with the functional API inside a `Build_Model` helper
class and trained with `model.compile(...)`/`fit`. On tf.keras 2 the tf.Variables were auto-tracked. On
Keras 3 the layer owns no weights: the noisy head shows 0 params, `mu_w`/`mu_bias` are not in
`model.trainable_weights`, so fit() never updates them -- the output layer stays at its random init.
Two edits so the file runs on Keras 3 at all: `Dense(self.neurons/2)` -> `Dense(int(self.neurons/2))`
(the author's later files do this) and `Adam(lr=...)` -> `Adam(learning_rate=...)`.
"""

SOURCE = "https://github.com/Bo-Hao/Python/blob/master/Reinforcement_Learning/MaximalCalculator/6_NoisyDenseDQN/NoisyDense.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py j_noisydense_tf_variables_in_init.py:
as returned: Functional, count_params() = 380, 14 weights, unbuilt: none
after call: count_params() = 380, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'noisy_dense': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine11b/m7.py): NoisyDense.weights == [], count_params() == 0; after model.fit(2 epochs) mu_w is unchanged (not trained)."""

import copy
import numpy as np
import tensorflow as tf


# Noisy Network
class NoisyDense(tf.keras.layers.Layer):
    def __init__(self, units):
        super(NoisyDense, self).__init__()
        self.units = units
        self.bias = True
        self.training = True
        # mu亂數，sigma常數0.1 (我要當rainbow)
        mu_init = tf.random_uniform_initializer(minval=-1, maxval=1)
        sigma_init = tf.constant_initializer(value=0.1)
        # 看要不要bias
        if self.bias:
            mu_bias_init = mu_init
            sigma_bias_init = sigma_init
        else:
            mu_bias_init = tf.zeros_initializer()
            sigma_bias_init = tf.zeros_initializer()
        # mu + sigma * epsilon for weight
        self.mu_w = tf.Variable(initial_value=mu_init(shape=(units, units),
                                dtype='float32'), trainable=True)
        self.sigma_w = tf.Variable(initial_value=sigma_init(shape=(units, units),
                                   dtype='float32'), trainable=False)
        # mu + sigma * epsilon for bias
        self.mu_bias = tf.Variable(initial_value=mu_bias_init(shape=(units,),
                                   dtype='float32'), trainable=True)
        self.sigma_bias = tf.Variable(initial_value=sigma_bias_init(shape=(units,),
                                      dtype='float32'), trainable=False)

    def call(self, inputs):
        #是訓練階段給高斯雜訊，不是就把epsilon設0
        if self.training:
            p = tf.random.normal([self.units, self.units])
            q = tf.random.normal([1, self.units])
            f_p = tf.multiply(tf.sign(p), tf.pow(tf.abs(p), 0.5))
            f_q = tf.multiply(tf.sign(q), tf.pow(tf.abs(q), 0.5))
            epsilon_w = f_p*f_q
            epsilon_b = tf.squeeze(f_q)

            weights = tf.add(self.mu_w, tf.multiply(self.sigma_w, epsilon_w))
            bias = tf.add(self.mu_bias, tf.multiply(self.sigma_bias, epsilon_b))
            return tf.matmul(inputs, weights) + bias

        else:
            weights = self.mu_w
            bias = self.mu_bias
            return tf.matmul(inputs, weights) + bias


class Build_Model():
    def __init__(self, state_size, neurons, action_size):
        self.state_size = state_size
        self.neurons = neurons
        self.action_size = action_size
        self.lr = 0.1

        state_input = tf.keras.layers.Input(shape=(self.state_size, ))
        D1 = tf.keras.layers.Dense(self.neurons, activation='tanh')(state_input)

        #連結層
        d1 = tf.keras.layers.Dense(self.neurons, activation='tanh')(D1)
        d2 = tf.keras.layers.Dense(self.neurons, activation='tanh')(d1)
        #dueling
        d3_a = tf.keras.layers.Dense(int(self.neurons/2), activation='sigmoid')(d2)
        d3_v = tf.keras.layers.Dense(int(self.neurons/2), activation='sigmoid')(d2)
        a = tf.keras.layers.Dense(self.action_size, activation='sigmoid')(d3_a)
        value = tf.keras.layers.Dense(1, activation='sigmoid')(d3_v)
        a_mean = tf.keras.layers.Lambda(lambda x: tf.reduce_mean(x, axis=1, keepdims=True))(a)
        advantage = tf.keras.layers.Subtract()([a, a_mean])
        q = tf.keras.layers.Add()([value, advantage])
        # noisy
        self.noise = NoisyDense(self.action_size)
        final = self.noise(q)

        #最後compile
        self.model = tf.keras.models.Model(inputs=state_input, outputs=final)
        self.model.compile(loss='mse', optimizer=tf.keras.optimizers.Adam(learning_rate=self.lr))


def build_model():
    N = Build_Model(1, 10, 4)
    return N.model
