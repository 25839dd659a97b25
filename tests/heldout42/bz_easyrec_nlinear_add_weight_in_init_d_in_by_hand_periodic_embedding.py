"""EasyRec's `NLinear` ("N linear layers for N token (feature) embeddings") creates its weights in `__init__` with
`add_weight('weights', [1, n_tokens, d_in, d_out])`, the number of tokens and the input embedding width passed in by
hand (LD004). It works while the caller types the right numbers, but the layer cannot adapt to what it is given: on
any other input width it fails with its own `ValueError`, far from where `d_in` was written.

From alibaba/EasyRec (Alibaba's recommendation/CTR framework), `easy_rec/python/layers/keras/numerical_embedding.py`
at f403b69 (2024-10-08). `NLinear.__init__(n_tokens, d_in, d_out, bias=True, name='nd_linear')` calls
`super().__init__` and then makes `weight` and `bias` with `add_weight`; there is no `build()`. `call(x)` checks that
`x.shape[2] == self.weight.shape[2]` and raises otherwise. `PeriodicEmbedding` (numerical-feature embeddings of
Gorishniy et al., "On Embeddings for Numerical Features in Tabular Deep Learning") creates it in its own `build()` as
`NLinear(self.num_features, self.embedding_dim, self.embedding_dim, name='nd_linear')`, i.e. it re-types the width
its `sin`/`cos` features will have, after reading `num_features` from the real input shape.

Porting edits: `tensorflow.python.keras.layers.Layer` -> `tf.keras.layers.Layer`; the custom-op loading at the top of
the module, `get_ps_num_from_tf_config()` (0 outside a parameter-server job) and the `partitioner` argument (None
then; Keras 3's `add_weight` has no such parameter) are left out; EasyRec's protobuf `params`
(`check_required`/`get_or_default`) is replaced by a small dict-backed stand-in and `get_activation` by
`tf.keras.activations.get`; `add_weight('weights', [...])` is spelled `add_weight(name='weights', shape=[...])`
(Keras 3 requires keywords). The model is ours, a CTR head on 13 normalised numerical features:
`PeriodicEmbedding(embedding_dim=16, sigma=0.1)` -> `Dense(1, 'sigmoid')`.
"""

SOURCE = "https://github.com/alibaba/EasyRec/blob/f403b69549906056d815a536db4a8a2ec706cc3a/easy_rec/python/layers/keras/numerical_embedding.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/bz_easyrec_nlinear_add_weight_in_init_d_in_by_hand_periodic_embedding.py:
as returned: Functional, count_params() = 3849, 5 weights, unbuilt: none
after call: count_params() = 3849, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'periodic_embedding': 3640, 'nd_linear': 3536}
second call: 0 variables watched that the first call did not use
(Inside PeriodicEmbedding the hand-typed widths match, so the model works: 5 weights, all with gradients.)
probe_nlinear.py: NLinear(3, 4, 5) owns weights of shape (1, 3, 4, 5) and (1, 3, 5) before seeing any input
(built == False: no build()); a (2, 3, 4) input gives (2, 3, 5); a fresh NLinear(3, 4, 5) on a (2, 3, 8) input
raises ValueError 'invalid input embedding dimension 8, expect 4' (its own check), and on a (2, 6, 4) input raises
InvalidArgumentError 'Incompatible shapes: [2,6,4,1] vs. [1,3,4,5] [Op:Mul]'. No warning printed."""

import math

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer


def get_activation(name):  # stand-in for easy_rec.python.utils.activation.get_activation
  return tf.keras.activations.get(name)


class Params(dict):  # stand-in for EasyRec's protobuf-backed layer params
  def __getattr__(self, key):
    return self[key]

  def check_required(self, keys):
    for k in keys:
      assert k in self, k

  def get_or_default(self, key, default):
    return self.get(key, default)


class NLinear(Layer):
  """N linear layers for N token (feature) embeddings.

  To understand this module, let's revise `tf.layers.dense`. When `tf.layers.dense` is
  applied to three-dimensional inputs of the shape
  ``(batch_size, n_tokens, d_embedding)``, then the same linear transformation is
  applied to each of ``n_tokens`` token (feature) embeddings.

  By contrast, `NLinear` allocates one linear layer per token (``n_tokens`` layers in total).
  One such layer can be represented as ``tf.layers.dense(d_in, d_out)``.
  So, the i-th linear transformation is applied to the i-th token embedding, as
  illustrated in the following pseudocode::

      layers = [tf.layers.dense(d_in, d_out) for _ in range(n_tokens)]
      x = tf.random.normal(batch_size, n_tokens, d_in)
      result = tf.stack([layers[i](x[:, i]) for i in range(n_tokens)], 1)
  """

  def __init__(self,
               n_tokens,
               d_in,
               d_out,
               bias=True,
               name='nd_linear',
               **kwargs):
    """Init with input shapes.

    Args:
        n_tokens: the number of tokens (features)
        d_in: the input dimension
        d_out: the output dimension
        bias: indicates if the underlying linear layers have biases
        name: layer name
    """
    super(NLinear, self).__init__(name=name, **kwargs)
    self.weight = self.add_weight(
        name='weights', shape=[1, n_tokens, d_in, d_out], dtype=tf.float32)
    if bias:
      initializer = tf.constant_initializer(0.0)
      self.bias = self.add_weight(
          name='bias', shape=[1, n_tokens, d_out],
          dtype=tf.float32,
          initializer=initializer)
    else:
      self.bias = None

  def call(self, x, **kwargs):
    if x.shape.ndims != 3:
      raise ValueError(
          'The input must have three dimensions (batch_size, n_tokens, d_embedding)'
      )
    if x.shape[2] != self.weight.shape[2]:
      raise ValueError('invalid input embedding dimension %d, expect %d' %
                       (int(x.shape[2]), int(self.weight.shape[2])))

    x = x[..., None] * self.weight  # [B, N, D, D_out]
    x = tf.reduce_sum(x, axis=-2)  # [B, N, D_out]
    if self.bias is not None:
      x = x + self.bias
    return x


class PeriodicEmbedding(Layer):
  """Periodic embeddings for numerical features described in [1].

  References:
    * [1] Yury Gorishniy, Ivan Rubachev, Artem Babenko,
    "On Embeddings for Numerical Features in Tabular Deep Learning", 2022
    https://arxiv.org/pdf/2203.05556.pdf
  """

  def __init__(self, params, name='periodic_embedding', reuse=None, **kwargs):
    super(PeriodicEmbedding, self).__init__(name=name, **kwargs)
    self.reuse = reuse
    params.check_required(['embedding_dim', 'sigma'])
    self.embedding_dim = int(params.embedding_dim)
    if self.embedding_dim % 2:
      raise ValueError('embedding_dim must be even')
    sigma = params.sigma
    self.initializer = tf.random_normal_initializer(stddev=sigma)
    self.add_linear_layer = params.get_or_default('add_linear_layer', True)
    self.linear_activation = params.get_or_default('linear_activation', 'relu')
    self.output_tensor_list = params.get_or_default('output_tensor_list', False)
    self.output_3d_tensor = params.get_or_default('output_3d_tensor', False)

  def build(self, input_shape):
    if len(input_shape) != 2:  # was: input_shape.ndims (a TensorShape under tf.keras 2)
      raise ValueError('inputs of AutoDisEmbedding must have 2 dimensions.')
    self.num_features = int(input_shape[-1])
    emb_dim = self.embedding_dim // 2
    self.coef = self.add_weight(
        name='coefficients',
        shape=[1, self.num_features, emb_dim],
        initializer=self.initializer)
    if self.add_linear_layer:
      self.linear = NLinear(
          self.num_features,
          self.embedding_dim,
          self.embedding_dim,
          name='nd_linear')
    super(PeriodicEmbedding, self).build(input_shape)

  def call(self, inputs, **kwargs):
    features = inputs[..., None]  # [B, N, 1]
    v = 2 * math.pi * self.coef * features  # [B, N, E]
    emb = tf.concat([tf.sin(v), tf.cos(v)], axis=-1)  # [B, N, 2E]

    dim = self.embedding_dim
    if self.add_linear_layer:
      emb = self.linear(emb)
      act = get_activation(self.linear_activation)
      if callable(act):
        emb = act(emb)
    output = tf.reshape(emb, [-1, self.num_features * dim])

    if self.output_tensor_list:
      return output, tf.unstack(emb, axis=1)
    if self.output_3d_tensor:
      return output, emb
    return output


def build_model():
  numerical = tf.keras.Input(shape=(13,), name='numerical_features')
  emb = PeriodicEmbedding(Params(embedding_dim=16, sigma=0.1))(numerical)
  ctr = tf.keras.layers.Dense(1, activation='sigmoid')(emb)
  return tf.keras.Model(numerical, ctr)
