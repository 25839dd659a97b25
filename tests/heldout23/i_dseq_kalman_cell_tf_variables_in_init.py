"""A learnable Kalman-filter RNN cell whose transition, observation and noise matrices A, C, R, Q are
`tf.Variable`s made in `__init__` of a Keras layer.

From wllhf/dseq (`src/kalman.py`, class `Kalman`), a differentiable Kalman filter written "according to
the RNN cell interface to be used with the Keras RNN layer" (`state_size`, `output_size`,
`get_initial_state`, `call(obs, state)`). The four system matrices are created with
`tf.Variable(kinit(shape), trainable=True)`: on tf.keras 2 the layer tracks them; on Keras 3 a
`tf.Variable` is not a Keras variable, so the cell reports no weights, `count_params()` is 0 and an
optimizer given `cell.trainable_weights` has nothing to learn.

Porting edits: `tf.keras.layers.Layer` -> `keras.layers.Layer`, `tf.keras.initializers.get` ->
`keras.initializers.get` (the ops stay `tf.*`); the unused `tensorflow_probability` import dropped;
`get_initial_state` falls back to `self.compute_dtype` when no `inputs` is passed (Keras 3's RNN
calls it with `batch_size` only; the original reads `inputs.dtype` of `None`). Keras 3's `RNN` cannot
stack the cell's two differently shaped outputs (mean (2, 1), covariance (2, 2)), so `build_model()`
runs one filter step directly, with dim_state = dim_obs = 2 and a batch of 3, and returns the cell.
"""

SOURCE = "https://github.com/wllhf/dseq/blob/3a8e21c6dcabbe25eac5b31d084ec2acfdd77ccf/src/kalman.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/i_dseq_kalman_cell_tf_variables_in_init.py:
as returned: Kalman, count_params() = 0, 0 weights, unbuilt: none
no inputs known: not called
Own script (/tmp/mine23b/kalprobe.py): after a filter step the cell has 0 weights, 0 trainable weights,
count_params() = 0, while a GradientTape watches 4 untracked (2, 2) tf.Variables (A, C, R, Q; A has a
real gradient): the 16 system parameters exist but Keras does not know them (not in
trainable_weights, not trained by fit, not saved)."""

import keras
import numpy as np
import tensorflow as tf


class Kalman(keras.layers.Layer):

    def __init__(
            self,
            dim_state=None, dim_obs=None,
            kernel_initializer='glorot_uniform',
            bias_initializer='zeros',
            **kwargs
            ):

        super(Kalman, self).__init__(**kwargs)
        self._dim_state = dim_state
        self._dim_obs = dim_obs
        self._kernel_initializer = kernel_initializer
        # self._bias_initializer = bias_initializer

        kinit = keras.initializers.get(self._kernel_initializer)
        # binit = tf.keras.initializers.get(self._bias_initializer)
        self.A = tf.Variable(kinit((self._dim_state, self._dim_state)), trainable=True)
        self.C = tf.Variable(kinit((self._dim_obs, self._dim_state)), trainable=True)
        self.R = tf.Variable(kinit((self._dim_state, self._dim_state)), trainable=True)
        self.Q = tf.Variable(kinit((self._dim_state, self._dim_state)), trainable=True)
        self.I = tf.eye(self._dim_state)

    @property
    def state_size(self):
        """ This refers to the shape of the RNN cell state which combines mean and variance. """
        return [(self._dim_state, 1), (self._dim_state, self._dim_state)]

    @property
    def output_size(self):
        # return self._dim_state
        return self.state_size

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """ This refers to the RNN cell state which combines mean and variance. """
        batch_size = inputs[0] if batch_size is None else batch_size
        dtype = self.compute_dtype if dtype is None else dtype
        return (
            tf.zeros(shape=[batch_size, self._dim_state, 1], dtype=dtype),
            tf.eye(self._dim_state, batch_shape=(batch_size,), dtype=dtype)
            )

    def _step(self, obs, mean, cov):
        AT = tf.transpose(self.A)
        CT = tf.transpose(self.C)

        new_mean = tf.matmul(self.A, mean)
        new_cov = tf.matmul(tf.matmul(self.A, cov), AT) + self.R

        K = tf.matmul(tf.matmul(new_cov, CT), tf.linalg.inv(tf.matmul(tf.matmul(self.C, new_cov), CT)+self.Q))
        new_mean = new_mean + tf.matmul(K, (obs-tf.matmul(self.C, new_mean)))
        new_cov = tf.matmul((self.I - tf.matmul(K, self.C)), new_cov)

        return new_mean, new_cov

    def call(self, obs, state, training=None):
        obs = tf.cast(obs, dtype=tf.float32)
        new_state = self._step(tf.expand_dims(obs, axis=-1), state[0], state[1])
        #return tfpd.Normal(new_state[0], new_state[1]).sample()[..., 0], new_state
        return new_state, new_state

    def get_config(self):
        config = super().get_config()
        config.update({
            'dim_state': self._dim_state,
            'dim_obs': self._dim_obs,
            'kernel_initializer': self._kernel_initializer,
            'bias_initializer': self._kernel_initializer
        })
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def build_model():
    cell = Kalman(dim_state=2, dim_obs=2)
    obs = np.random.default_rng(0).random((3, 2)).astype("float32")
    cell(obs, cell.get_initial_state(batch_size=3))
    return cell
