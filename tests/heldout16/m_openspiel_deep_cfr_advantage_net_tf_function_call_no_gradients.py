"""OpenSpiel's TF2 Deep CFR under Keras 3: the advantage and policy networks are `tf.keras.Model`
subclasses whose `call()` is decorated with `@tf.function`; on Keras 3 no trainable weight gets a
gradient, and the advantage train step fails with "No gradients provided for any variable".

`AdvantageNetwork` holds a list of `Dense`/`SkipDense` hidden layers, a `LayerNormalization`, a last
hidden `Dense` and an output `Dense`, and masks the output with the legal-action mask. Its `call` is
wrapped in `@tf.function` (a tf.keras 2 speed-up). The solver trains a copy of the network in a
`@tf.function` train step with `tf.GradientTape` over `model.trainable_variables` and copies the
weights to the inference network with `set_weights`. On Keras 3 the weights exist and are counted
(the layers build inside the traced `call`), but the tape does not connect the loss to them: every
gradient is None, eagerly and inside the train step, so the network cannot be trained. The report
shows the test suite failing with `ValueError: No gradients provided for any variable.`

Porting edits: the file already ran on Keras 3 through `tf.keras`; here `tf.keras.*` ->
`keras.*`, `LeakyReLU(alpha=...)` -> `LeakyReLU(negative_slope=...)`, the solver, reservoir buffers
and tf.Example serialisation left out; the policy network (same structure, same decorator) omitted.
`build_model()` returns an advantage network for a 6-feature information state and 3 actions,
called once eagerly, with a (state, mask) batch.
"""

SOURCE = "https://github.com/google-deepmind/open_spiel/issues/1208"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/m_openspiel_deep_cfr_advantage_net_tf_function_call_no_gradients.py:
as returned: AdvantageNetwork, count_params() = 739, 10 weights, unbuilt: none
after call: count_params() = 739, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 10 of 10 trainable weights: ['advantage_network/dense/kernel', 'advantage_network/dense/bias', 'advantage_network/skip_dense/dense_1/kernel', 'advantage_network/skip_dense/dense_1/bias', 'advantage_network/layer_normalization/gamma', 'advantage_network/layer_normalization/beta']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'skip_dense': 272}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16a/t_cfr3.py): the solver's @tf.function train step (tape over model.trainable_variables, Adam) on a
fresh AdvantageNetwork raised ValueError: No gradients provided for any variable. (the report's error); the network still has
10 weights / 739 params. The same class with the @tf.function decorator removed from call(): None gradients for 0 of 10.
Eager second call (/tmp/mine16a/t_cfr2.py): still None for 10 of 10."""

import numpy as np
import tensorflow as tf
import keras


class SkipDense(keras.layers.Layer):
  """Dense Layer with skip connection"""
  def __init__(self, units, **kwargs):
    super().__init__(**kwargs)
    self.hidden = keras.layers.Dense(units, kernel_initializer='he_normal')

  def call(self, x):
    return self.hidden(x) + x


class AdvantageNetwork(keras.Model):
  """Implements the advantage network as a MLP with skip connections in
  adjacent layers with the same number of units, except for the last hidden
  connection where a layer normalization is applied.
  """
  def __init__(self, input_size, adv_network_layers, num_actions,
                activation="leakyrelu", **kwargs):
    super().__init__(**kwargs)
    self._input_size = input_size
    self._num_actions = num_actions
    if activation == 'leakyrelu':
      self.activation = keras.layers.LeakyReLU(negative_slope=0.2)
    elif activation == 'relu':
      self.activation = keras.layers.ReLU()
    else:
      self.activation = activation

    self.hidden = []
    prevunits = 0
    for units in adv_network_layers[:-1]:
      if prevunits == units:
        self.hidden.append(SkipDense(units))
      else:
        self.hidden.append(keras.layers.Dense(units,
                            kernel_initializer='he_normal'))
      prevunits = units
    self.normalization = keras.layers.LayerNormalization()
    self.lastlayer = keras.layers.Dense(adv_network_layers[-1],
                            kernel_initializer='he_normal')

    self.out_layer = keras.layers.Dense(num_actions)

  @tf.function
  def call(self, inputs):
    """applies Policy Network
    Args:
        inputs: Tuple representing (info_state, legal_action_mask)
      Returns:
        Cumulative regret for each info_state action
    """
    x, mask = inputs
    for layer in self.hidden:
      x = layer(x)
      x = self.activation(x)

    x = self.normalization(x)
    x = self.lastlayer(x)
    x = self.activation(x)
    x = self.out_layer(x)
    x = mask * x

    return x


def get_advantage_train_graph(model, loss_fn, optimizer):
  """TF-Graph for one advantage network train step (the solver's closure)."""
  @tf.function
  def train_step(info_states, advantages, iterations, masks, iteration):
    with tf.GradientTape() as tape:
      preds = model((info_states, masks), training=True)
      main_loss = loss_fn(advantages, preds,
                sample_weight=iterations*2/iteration)
      loss = tf.add_n([main_loss] + model.losses)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return main_loss
  return train_step


def build_model():
  net = AdvantageNetwork(6, (16, 16, 16), 3)
  info_states = np.random.default_rng(0).random((2, 6)).astype("float32")
  masks = np.ones((2, 3), dtype="float32")
  net((info_states, masks))
  return net, (info_states, masks)
