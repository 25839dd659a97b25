"""Neural Additive Model fills a pre-sized Python list of per-feature subnetworks by index.

google-research/neural_additive_models (NAM, Agarwal et al. 2021) builds one `FeatureNN` per input
feature in `NAM.build()` with `self.feature_nns = [None] * self._num_inputs` followed by
`self.feature_nns[i] = FeatureNN(...)`. Keras 3 wraps the list assigned to the attribute in a
tracked list, but item assignment into it is not tracked: the list holds `None`s when it is
assigned, so every FeatureNN (and its ActivationLayer/Dense weights) is invisible to the model.
The model reports only its scalar bias; the feature networks still run in `call()`, but
`model.trainable_weights` (and `fit`, and checkpoints) contain only that bias. Inside each
FeatureNN, `self.hidden_layers += [self._h1, self._h2]` re-assigns the attribute and is tracked.
The DNN baseline in the same file uses the same `[None for _ in range(10)]` + index pattern.
"""

SOURCE = "https://github.com/google-research/google-research/blob/0566f08608855b8e20121ae8aec73c6747a865e9/neural_additive_models/models.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py x_nam_feature_nets_list_item_assignment.py:
as returned: NAM, count_params() = 1, 1 weights, unbuilt: none
after call: count_params() = 1, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 28 variables the model does not track: ['model/activation_layer_0/beta:0', 'model/activation_layer_0/c:0', 'model/h1_0/kernel:0', 'model/h1_0/bias:0', 'model/h2_0/kernel:0', 'model/h2_0/bias:0']
second call: 0 variables watched that the first call did not use
Own check: with 4 features and shallow=False each FeatureNN holds 2*16 (ExU beta, c) + 16*64+64 + 64*32+32 + 32 = 3232 values; the model counts 1 (its bias). model.trainable_weights == [bias], so fit/apply_gradients over it trains only the bias while the 28 feature-net variables are used in call()."""

from typing import Union

import numpy as np
import tensorflow as tf

TfInput = Union[np.ndarray, tf.Tensor]


def exu(x, weight, bias):
  """ExU hidden unit modification."""
  return tf.exp(weight) * (x - bias)


# Activation Functions
def relu(x, weight, bias):
  """ReLU activation."""
  return tf.nn.relu(weight * (x - bias))


def relu_n(x, n = 1):
  """ReLU activation clipped at n."""
  return tf.clip_by_value(x, 0, n)


class ActivationLayer(tf.keras.layers.Layer):
  """Custom activation Layer to support ExU hidden units."""

  def __init__(self, num_units, name = None, activation = 'exu', trainable = True):
    super(ActivationLayer, self).__init__(trainable=trainable, name=name)
    self.num_units = num_units
    self._trainable = trainable
    if activation == 'relu':
      self._activation = relu
      self._beta_initializer = 'glorot_uniform'
    elif activation == 'exu':
      self._activation = lambda x, weight, bias: relu_n(exu(x, weight, bias))
      self._beta_initializer = tf.keras.initializers.TruncatedNormal(mean=4.0, stddev=0.5)
    else:
      raise ValueError('{} is not a valid activation'.format(activation))

  def build(self, input_shape):
    """Builds the layer weight and bias parameters."""
    self._beta = self.add_weight(
        name='beta',
        shape=[input_shape[-1], self.num_units],
        initializer=self._beta_initializer,
        trainable=self._trainable)
    self._c = self.add_weight(
        name='c',
        shape=[1, self.num_units],
        initializer=tf.keras.initializers.TruncatedNormal(stddev=0.5),
        trainable=self._trainable)
    super(ActivationLayer, self).build(input_shape)

  @tf.function
  def call(self, x):
    """Computes the output activations."""
    center = tf.tile(self._c, [tf.shape(x)[0], 1])
    out = self._activation(x, self._beta, center)
    return out


class FeatureNN(tf.keras.layers.Layer):
  """Neural Network model for each individual feature."""

  def __init__(self, num_units, dropout = 0.5, trainable = True, shallow = True,
               feature_num = 0, name_scope = 'model', activation = 'exu'):
    super(FeatureNN, self).__init__()
    self._num_units = num_units
    self._dropout = dropout
    self._trainable = trainable
    self._tf_name_scope = name_scope
    self._feature_num = feature_num
    self._shallow = shallow
    self._activation = activation

  def build(self, input_shape):
    """Builds the feature net layers."""
    self.hidden_layers = [
        ActivationLayer(
            self._num_units,
            trainable=self._trainable,
            activation=self._activation,
            name='activation_layer_{}'.format(self._feature_num))
    ]
    if not self._shallow:
      self._h1 = tf.keras.layers.Dense(
          64, activation='relu', use_bias=True, trainable=self._trainable,
          name='h1_{}'.format(self._feature_num), kernel_initializer='glorot_uniform')
      self._h2 = tf.keras.layers.Dense(
          32, activation='relu', use_bias=True, trainable=self._trainable,
          name='h2_{}'.format(self._feature_num), kernel_initializer='glorot_uniform')
      self.hidden_layers += [self._h1, self._h2]
    self.linear = tf.keras.layers.Dense(
        1, use_bias=False, trainable=self._trainable,
        name='dense_{}'.format(self._feature_num), kernel_initializer='glorot_uniform')
    super(FeatureNN, self).build(input_shape)

  @tf.function
  def call(self, x, training):
    """Computes FeatureNN output with either evaluation or training mode."""
    with tf.name_scope(self._tf_name_scope):
      for l in self.hidden_layers:
        x = tf.nn.dropout(
            l(x), rate=tf.cond(training, lambda: self._dropout, lambda: 0.0))
      x = tf.squeeze(self.linear(x), axis=1)
    return x


class NAM(tf.keras.Model):
  """Neural additive model."""

  def __init__(self, num_inputs, num_units, trainable = True, shallow = True,
               feature_dropout = 0.0, dropout = 0.0, **kwargs):
    super(NAM, self).__init__()
    self._num_inputs = num_inputs
    if isinstance(num_units, list):
      assert len(num_units) == num_inputs
      self._num_units = num_units
    elif isinstance(num_units, int):
      self._num_units = [num_units for _ in range(self._num_inputs)]
    self._trainable = trainable
    self._shallow = shallow
    self._feature_dropout = feature_dropout
    self._dropout = dropout
    self._kwargs = kwargs

  def build(self, input_shape):
    """Builds the FeatureNNs on the first call."""
    self.feature_nns = [None] * self._num_inputs
    for i in range(self._num_inputs):
      self.feature_nns[i] = FeatureNN(
          num_units=self._num_units[i],
          dropout=self._dropout,
          trainable=self._trainable,
          shallow=self._shallow,
          feature_num=i,
          **self._kwargs)
    self._bias = self.add_weight(
        name='bias',
        initializer=tf.keras.initializers.Zeros(),
        shape=(1,),
        trainable=self._trainable)
    self._true = tf.constant(True, dtype=tf.bool)
    self._false = tf.constant(False, dtype=tf.bool)

  def call(self, x, training = True):
    """Computes NAM output by adding the outputs of individual feature nets."""
    individual_outputs = self.calc_outputs(x, training=training)
    stacked_out = tf.stack(individual_outputs, axis=-1)
    training = self._true if training else self._false
    dropout_out = tf.nn.dropout(
        stacked_out,
        rate=tf.cond(training, lambda: self._feature_dropout, lambda: 0.0))
    out = tf.reduce_sum(dropout_out, axis=-1)
    return out + self._bias

  def calc_outputs(self, x, training = True):
    """Returns the output computed by each feature net."""
    training = self._true if training else self._false
    list_x = tf.split(x, self._num_inputs, axis=-1)
    return [
        self.feature_nns[i](x_i, training=training)
        for i, x_i in enumerate(list_x)
    ]


def build_model():
  model = NAM(num_inputs=4, num_units=16, shallow=False, dropout=0.1, activation='exu')
  x = np.random.default_rng(0).random((8, 4)).astype('float32')
  model(x, training=False)
  return model, x
