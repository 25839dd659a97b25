"""deepchem MPNN layers: EdgeNetwork and GatedRecurrentUnit make their weights by calling an initializer.

deepchem's `MessagePassing` layer builds two sub-layers in build(): an `EdgeNetwork` (a pair-feature ->
n_hidden x n_hidden matrix network) and a `GatedRecurrentUnit`. Both sub-layers "construct internal
trainable weights" as `init = initializers.get(self.init); self.W = init([n_in, n_out])` and biases as
`backend.zeros(shape=...)`. Calling an initializer returns a plain tensor, not a variable: on Keras 3
none of the nine GRU matrices/biases nor the edge network's W/b are weights of the layer, the model
reports only the head's parameters, and message passing runs with its random initial matrices forever.

deepchem later replaced these `init` calls by a local helper returning `self.add_weight(...)` (commit
10009118d "GCN_reload", Oct 2020), which confirms the defect; the biases stayed `backend.zeros`.

Port: `tensorflow.keras` -> `keras`; `backend.zeros` (gone in Keras 3) -> `keras.ops.zeros`; the
layers' get_config methods are dropped; sizes are small. Layer code otherwise as in deepchem
(tf.matmul/tf.gather/tf.math.segment_sum, sub-layers created in MessagePassing.build()).
"""

SOURCE = "https://github.com/deepchem/deepchem/blob/014251321e02f1551577acaee3caa48671aeda68/deepchem/models/layers.py#L2740"
CODES = ("LD001",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py k_deepchem_mpnn_edge_network_gru_initializer_tensors.py:
as returned: Functional, count_params() = 9, 2 weights, unbuilt: none
call 1 raised TypeError: Exception encountered when calling EdgeNetwork.call().
The 9 params are the Dense(1) head only; the edge network's W (4x64) and b and the GRU's six 8x8 matrices and
three biases are not weights. The sub-layers were built while the functional model was traced, so their
initializer tensors live in that trace graph and the first real call fails with "<tf.Tensor
'edge_network/stateless_random_uniform:0' shape=(4, 64)> is out of scope and cannot be used here".
Own script, MessagePassing(T=2, n_hidden=8) called eagerly on data: 0 weights, count_params() 0, the tape watched
0 variables, two calls give the same output (the random matrices are fixed EagerTensors, never trained)."""

import tensorflow as tf
import keras
from keras import initializers


class MessagePassing(keras.layers.Layer):
  """ General class for MPNN
  default structures built according to https://arxiv.org/abs/1511.06391 """

  def __init__(self, T, message_fn='enn', update_fn='gru', n_hidden=100, **kwargs):
    super(MessagePassing, self).__init__(**kwargs)
    self.T = T
    self.message_fn = message_fn
    self.update_fn = update_fn
    self.n_hidden = n_hidden

  def build(self, input_shape):
    n_pair_features = int(input_shape[1][-1])
    if self.message_fn == 'enn':
      # Default message function: edge network, update function: GRU
      self.message_function = EdgeNetwork(n_pair_features, self.n_hidden)
    if self.update_fn == 'gru':
      self.update_function = GatedRecurrentUnit(self.n_hidden)
    self.built = True

  def call(self, inputs):
    """ Perform T steps of message passing """
    atom_features, pair_features, atom_to_pair = inputs
    n_atom_features = atom_features.shape[-1]
    if n_atom_features < self.n_hidden:
      pad_length = self.n_hidden - n_atom_features
      out = tf.pad(atom_features, ((0, 0), (0, pad_length)), mode='CONSTANT')
    elif n_atom_features > self.n_hidden:
      raise ValueError("Too large initial feature vector")
    else:
      out = atom_features
    for i in range(self.T):
      message = self.message_function([pair_features, out, atom_to_pair])
      out = self.update_function([out, message])
    return out


class EdgeNetwork(keras.layers.Layer):
  """ Submodule for Message Passing """

  def __init__(self, n_pair_features=8, n_hidden=100, init='glorot_uniform', **kwargs):
    super(EdgeNetwork, self).__init__(**kwargs)
    self.n_pair_features = n_pair_features
    self.n_hidden = n_hidden
    self.init = init

  def build(self, input_shape):
    n_pair_features = self.n_pair_features
    n_hidden = self.n_hidden
    init = initializers.get(self.init)
    self.W = init([n_pair_features, n_hidden * n_hidden])
    self.b = keras.ops.zeros(shape=(n_hidden * n_hidden,))
    self.built = True

  def call(self, inputs):
    pair_features, atom_features, atom_to_pair = inputs
    A = tf.nn.bias_add(tf.matmul(pair_features, self.W), self.b)
    A = tf.reshape(A, (-1, self.n_hidden, self.n_hidden))
    out = tf.expand_dims(tf.gather(atom_features, atom_to_pair[:, 1]), 2)
    out = tf.squeeze(tf.matmul(A, out), axis=2)
    return tf.math.segment_sum(out, atom_to_pair[:, 0])


class GatedRecurrentUnit(keras.layers.Layer):
  """ Submodule for Message Passing """

  def __init__(self, n_hidden=100, init='glorot_uniform', **kwargs):
    super(GatedRecurrentUnit, self).__init__(**kwargs)
    self.n_hidden = n_hidden
    self.init = init

  def build(self, input_shape):
    n_hidden = self.n_hidden
    init = initializers.get(self.init)
    self.Wz = init([n_hidden, n_hidden])
    self.Wr = init([n_hidden, n_hidden])
    self.Wh = init([n_hidden, n_hidden])
    self.Uz = init([n_hidden, n_hidden])
    self.Ur = init([n_hidden, n_hidden])
    self.Uh = init([n_hidden, n_hidden])
    self.bz = keras.ops.zeros(shape=(n_hidden,))
    self.br = keras.ops.zeros(shape=(n_hidden,))
    self.bh = keras.ops.zeros(shape=(n_hidden,))
    self.built = True

  def call(self, inputs):
    z = tf.nn.sigmoid(tf.matmul(inputs[1], self.Wz) + tf.matmul(inputs[0], self.Uz) + self.bz)
    r = tf.nn.sigmoid(tf.matmul(inputs[1], self.Wr) + tf.matmul(inputs[0], self.Ur) + self.br)
    h = (1 - z) * tf.nn.tanh(
        tf.matmul(inputs[1], self.Wh) + tf.matmul(inputs[0] * r, self.Uh) + self.bh) + z * inputs[0]
    return h


def build_model(n_atom_feat=6, n_pair_feat=4, n_hidden=8):
  """MPNN-style graph: atom and pair features plus the atom_to_pair index, two message passing steps, a Dense head."""
  atom_features = keras.Input(shape=(n_atom_feat,), name='atom_features')
  pair_features = keras.Input(shape=(n_pair_feat,), name='pair_features')
  atom_to_pair = keras.Input(shape=(2,), dtype='int32', name='atom_to_pair')
  out = MessagePassing(T=2, n_hidden=n_hidden)([atom_features, pair_features, atom_to_pair])
  out = keras.layers.Dense(1)(out)
  return keras.Model([atom_features, pair_features, atom_to_pair], out)
