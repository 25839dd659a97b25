"""A NoisyNet `NoisyDense` (factorised Gaussian noise, for a Dopamine DQN fork) subclasses
`keras.layers.Dense`, adds one extra `sigma` weight after `super().build()` and reads it only in the
training branch of `call()` - correct on Keras 3.

`NoisyDense.build` (srhickma/dopamine, `dopamine/noisy_net/noisy_dense.py`) lets Dense create
`kernel` and `bias`, then `self.sigma = self.add_weight('sigma', shape=[p + q])`. `call()` defines two
closures: `noised()` builds `kernel + outer(sigma[p:], sigma[:p]) * K.random_normal(...)` and a noisy
bias from slices of `sigma`; `normal()` calls `Dense.call` (no sigma). `K.in_train_phase` picks one.
A weight that inference never reads, sliced pieces of a weight, noise drawn per call, and
`super().call` captured in a closure all look suspicious, but on Keras 3 `sigma` is tracked, gets a
gradient whenever the layer runs in training mode (as in `fit` and in the DQN's update step) and is
legitimately unused when acting greedily.

Porting edits: `K.in_train_phase(noised, normal, training=training)` (gone in Keras 3) written as
`noised() if training else normal()`; `K.random_normal` -> `keras.random.normal`;
`core_ops.dense(inputs, kernel, bias, activation, dtype=...)` (a private tf.keras helper) ->
`activation(matmul(inputs, kernel) + bias)`; the Q-network head is reduced to two NoisyDense layers.
"""

SOURCE = "https://github.com/srhickma/dopamine/blob/08c311f/dopamine/noisy_net/noisy_dense.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/okq_dopamine_noisy_dense_sigma_only_in_training_branch.py:
as returned: Functional, count_params() = 152, 6 weights, unbuilt: none
after call: count_params() = 152, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_dense': 100, 'noisy_dense_1': 52}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine15a/probe.py - one SGD fit step changes 6 of 6 trainable weights (both sigmas
included), no warning. Inline tape check - training=True: no None gradient; training=False: None only
for noisy_dense/sigma and noisy_dense_1/sigma (the greedy, noise-free path by design)."""

import tensorflow as tf
import keras
from keras import initializers, ops
from keras.layers import Dense


class NoisyDense(Dense):
  """A noisy dense layer."""

  def __init__(self, units,
               activation=None,
               use_bias=True,
               kernel_initializer='glorot_uniform',
               bias_initializer='zeros',
               kernel_regularizer=None,
               bias_regularizer=None,
               activity_regularizer=None,
               kernel_constraint=None,
               bias_constraint=None,
               initial_sigma=0.5,
               **kwargs):
    """Initialize variables."""
    super().__init__(
      units, activation=activation,
      use_bias=use_bias,
      kernel_initializer=kernel_initializer,
      bias_initializer=bias_initializer,
      kernel_regularizer=kernel_regularizer,
      bias_regularizer=bias_regularizer,
      activity_regularizer=activity_regularizer,
      kernel_constraint=kernel_constraint,
      bias_constraint=bias_constraint,
      **kwargs
    )
    self.initial_sigma = initial_sigma

  def build(self, input_shape):
    """Build the layer."""
    super().build(input_shape)
    self.q, self.p = self.kernel.shape
    self.sigma = self.add_weight(
      name='sigma',
      shape=[self.p + self.q],
      initializer=initializers.constant(self.initial_sigma),
      dtype=self.dtype,
      trainable=True
    )

  def call(self, inputs, training=None):
    """Call the layer."""
    def noised():
      kernel_sigma = tf.tensordot(self.sigma[self.p:], self.sigma[:self.p], axes=0)
      kernel = self.kernel + kernel_sigma * keras.random.normal(
          shape=(self.q, self.p),
          mean=0.,
          stddev=1.,
          dtype=inputs.dtype
      )
      bias = self.bias
      if self.bias is not None:
        bias = bias + self.sigma[:self.p] * keras.random.normal(
          shape=(self.p,),
          mean=0.,
          stddev=1.,
          dtype=inputs.dtype
        )
      return self.activation(ops.matmul(inputs, kernel) + bias)

    call = super().call
    def normal():
      return call(inputs)

    return noised() if training else normal()

  def get_config(self):
    """Get the config."""
    config = super().get_config()
    config.update({
        'initial_sigma':
            self.initial_sigma
    })
    return config


def build_model():
  state = keras.Input(shape=(4,))
  x = NoisyDense(16, activation='relu')(state)
  q_values = NoisyDense(2)(x)
  return keras.Model(state, q_values)
