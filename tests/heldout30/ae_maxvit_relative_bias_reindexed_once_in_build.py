"""MaxViT's attention makes its 2-D relative position bias table with `add_weight` in `build()` and,
still inside `build()`, reindexes it once into the (height*width, height*width) bias that `call()`
adds to the attention logits: `self.reindexed_bias = attn_utils.reindex_2d_einsum_lookup(...)`.

From google-research/maxvit (`maxvit/models/maxvit.py`, class `Attention`, with `TrailDense` and
`attention_utils.reindex_2d_einsum_lookup`). Reported by leondgarse in
https://github.com/google-research/maxvit/issues/7 ("Gradients do not exist for variables
'.../attention/relative_bias:0'"). The table is a real, counted weight, but `call()` only reads the
tensor computed from it at build time: the einsum in `build()` runs once, eagerly, so
`reindexed_bias` is a constant copy of the initial values and the `relative_bias` variable gets
no gradient and never trains (the lookup belongs in `call()`).

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); `absl.logging` and the config helpers
dropped; Keras 3 passes `build()` a tuple, so `query_shape.rank` / `.as_list()` and
`input_shape.rank` become `len(...)` / `list(...)` and `input_shape[...] + [...]` becomes
`list(input_shape[...]) + [...]`; `add_weight('relative_bias', rel_bias_shape, ...)` gets
`name=` / `shape=` keywords (Keras 3 refuses a positional name); `generate_lookup_tensor` / `reindex_2d_einsum_lookup` copied
from `attention_utils.py` with the graph cache left out (one call per shape here). Sizes: a
4x4 grid flattened to 16 tokens of width 16, 2 heads of size 8, `rel_attn_type='2d_multi_head'`,
then pooling and Dense(3); the block is called with `training=None` (its `call()` has `training`
as a required positional argument, which the MaxViT blocks always pass).
"""

SOURCE = "https://github.com/google-research/maxvit/blob/70a470723b810f9eb05b2aa935cf75db8290c69e/maxvit/models/maxvit.py"
CODES = ("LD009", "LD010")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/ae_maxvit_relative_bias_reindexed_once_in_build.py:
as returned: Functional, count_params() = 1237, 11 weights, unbuilt: none
after call: count_params() = 1237, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 11 trainable weights: ['attention/relative_bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 1186, 'o': 272, 'v': 272, 'k': 272, 'q': 272}
second call: 0 variables watched that the first call did not use
attention/relative_bias (2x7x7 = 98 params) is counted and trainable but its gradient is None: call() adds self.reindexed_bias, an EagerTensor computed once in build()."""

import string

import numpy as np
import tensorflow as tf
import keras


def float32_softmax(x, *args, **kwargs):
  y = tf.cast(tf.nn.softmax(tf.cast(x, tf.float32), *args, **kwargs), x.dtype)
  return y


def generate_lookup_tensor(length,
                           max_relative_position=None,
                           clamp_out_of_range=False,
                           dtype=tf.float32):
  if max_relative_position is None:
    max_relative_position = length - 1
  vocab_size = 2 * max_relative_position + 1
  ret = np.zeros((length, length, vocab_size))
  for i in range(length):
    for x in range(length):
      v = x - i + max_relative_position
      if abs(x - i) > max_relative_position:
        if clamp_out_of_range:
          v = np.clip(v, 0, vocab_size - 1)
        else:
          continue
      ret[i, x, v] = 1
  return tf.constant(ret, dtype)


def reindex_2d_einsum_lookup(relative_position_tensor,
                             height, width,
                             max_relative_height=None,
                             max_relative_width=None,
                             h_axis=None):
  height_lookup = generate_lookup_tensor(
      height, max_relative_position=max_relative_height,
      dtype=relative_position_tensor.dtype)
  width_lookup = generate_lookup_tensor(
      width, max_relative_position=max_relative_width,
      dtype=relative_position_tensor.dtype)

  if h_axis is None:
    h_axis = 0

  non_spatial_rank = relative_position_tensor.shape.rank - 2
  non_spatial_expr = ''.join(chr(ord('n') + i) for i in range(non_spatial_rank))
  prefix = non_spatial_expr[:h_axis]
  suffix = non_spatial_expr[h_axis:]

  reindexed_tensor = tf.einsum(
      '{0}hw{1},ixh->{0}ixw{1}'.format(prefix, suffix),
      relative_position_tensor, height_lookup, name='height_lookup')
  reindexed_tensor = tf.einsum(
      '{0}ixw{1},jyw->{0}ijxy{1}'.format(prefix, suffix),
      reindexed_tensor, width_lookup, name='width_lookup')

  ret_shape = relative_position_tensor.shape.as_list()
  ret_shape[h_axis] = height * width
  ret_shape[h_axis + 1] = height * width
  reindexed_tensor = tf.reshape(reindexed_tensor, ret_shape)

  return reindexed_tensor


class TrailDense(keras.layers.Layer):
  """Dense module that projects multiple trailing dimensions."""

  def __init__(self,
               output_trailing_dims,
               begin_axis=-1,
               use_bias=True,
               kernel_initializer=tf.random_normal_initializer(stddev=0.02),
               bias_initializer=tf.zeros_initializer,
               name='dense'):
    super(TrailDense, self).__init__(name=name)

    if isinstance(output_trailing_dims, int):
      self._output_trailing_dims = [output_trailing_dims]
    else:
      assert isinstance(output_trailing_dims, (list, tuple)) and all(
          isinstance(i, int) for i in output_trailing_dims), (
              'Invalid output shape: {}.'.format(output_trailing_dims))
      self._output_trailing_dims = list(output_trailing_dims)
    self.begin_axis = begin_axis
    self.use_bias = use_bias

    self.kernel_initializer = kernel_initializer
    self.bias_initializer = bias_initializer

  def build(self, input_shape):
    """Create variables and einsum expression based on input shape."""
    # Create variables
    weight_shape = list(input_shape[self.begin_axis:]) + self._output_trailing_dims
    self.weight = self.add_weight(
        name='weight',
        shape=weight_shape,
        initializer=self.kernel_initializer,
        trainable=True)
    if self.use_bias:
      self.bias = self.add_weight(
          name='bias',
          shape=self._output_trailing_dims,
          initializer=self.bias_initializer,
          trainable=True)

    # Create einsum expression
    input_rank = len(input_shape)
    shared_size = self.begin_axis % input_rank
    i_only_size = input_rank - shared_size
    o_only_size = len(self._output_trailing_dims)

    assert input_rank + o_only_size < len(string.ascii_uppercase), (
        'Cannot use einsum as input rank + output rank > 26.')
    einsum_str = string.ascii_uppercase[:input_rank + o_only_size]

    offset = 0
    shared_str = einsum_str[offset:offset+shared_size]
    offset += shared_size
    i_only_str = einsum_str[offset:offset+i_only_size]
    offset += i_only_size
    o_only_str = einsum_str[offset:offset+o_only_size]

    input_str = '{}{}'.format(shared_str, i_only_str)
    output_str = '{}{}'.format(shared_str, o_only_str)
    weight_str = '{}{}'.format(i_only_str, o_only_str)

    self.einsum_expr = '{},{}->{}'.format(input_str, weight_str, output_str)

  def call(self, inputs):
    output = tf.einsum(self.einsum_expr, inputs, self.weight)
    if self.use_bias:
      output += self.bias
    return output


class Attention(keras.layers.Layer):
  """Multi-headed attention module."""

  def __init__(self,
               hidden_size,
               head_size,
               num_heads=None,
               dropatt=0.0,
               attn_axis=0,
               rel_attn_type=None,
               scale_ratio=None,
               kernel_initializer=tf.random_normal_initializer(stddev=0.02),
               bias_initializer=tf.zeros_initializer,
               name='attention'):
    super(Attention, self).__init__(name=name)

    self.hidden_size = hidden_size
    self.head_size = head_size
    self.num_heads = num_heads or hidden_size // head_size
    self.dropatt = dropatt
    self.attn_axis = attn_axis
    self.rel_attn_type = rel_attn_type
    self.scale_ratio = scale_ratio

    self.kernel_initializer = kernel_initializer
    self.bias_initializer = bias_initializer

    self._q_proj = TrailDense(
        output_trailing_dims=[self.num_heads, self.head_size],
        kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer,
        name='q')
    self._k_proj = TrailDense(
        output_trailing_dims=[self.num_heads, self.head_size],
        kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer,
        name='k')
    self._v_proj = TrailDense(
        output_trailing_dims=[self.num_heads, self.head_size],
        kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer,
        name='v')
    self._o_proj = TrailDense(
        output_trailing_dims=self.hidden_size, begin_axis=-2,
        kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer,
        name='o')

    self.q_scale = self.head_size ** -0.5

  def build(self, query_shape):
    num_attn_dims = len(query_shape) - 2   # -2 to account for bsz, hidden size
    assert num_attn_dims < 6, 'Only support at most 6 attention dims.'
    symbols = ''.join([chr(ord('U') + i) for i in range(num_attn_dims - 1)])
    insert = lambda s, i, c: s[:i] + c + s[i:]
    create_expr = lambda s, prefix='B', suffix='NK': prefix + s + suffix
    self.q_expr = create_expr(insert(symbols, self.attn_axis, 'S'))
    self.k_expr = create_expr(insert(symbols, self.attn_axis, 'T'))
    self.v_expr = create_expr(insert(symbols, self.attn_axis, 'T'))
    self.a_expr = create_expr(symbols, suffix='NST')

    ##### Relative attention
    if self.rel_attn_type in ['2d_multi_head', '2d_single_head']:
      query_shape_list = list(query_shape)
      if len(query_shape) == 4:
        height, width = query_shape_list[1:3]
      elif len(query_shape) == 3:
        seq_len = query_shape_list[1]
        height = int(seq_len ** 0.5)
        width = height
        if height * width != seq_len:
          raise ValueError('Does not support 2D relative attentive for '
                           'non-square inputs.')
      else:
        raise ValueError(
            'Does not support relative attention for query shape: %s.'
            % query_shape_list)

      if self.scale_ratio is not None:
        scale_ratio = eval(self.scale_ratio)
        vocab_height = 2 * round(height / scale_ratio) - 1
        vocab_width = 2 * round(width / scale_ratio) - 1
      else:
        vocab_height = 2 * height - 1
        vocab_width = 2 * width - 1

      if self.rel_attn_type == '2d_multi_head':
        h_axis = 1
        rel_bias_shape = [self.num_heads, vocab_height, vocab_width]
      elif self.rel_attn_type == '2d_single_head':
        h_axis = 0
        rel_bias_shape = [vocab_height, vocab_width]
      else:
        raise NotImplementedError('rel_attn_type %s not implemented yet.' %
                                  self.rel_attn_type)

      self.relative_bias = self.add_weight(
          name='relative_bias',
          shape=rel_bias_shape,
          initializer=self.kernel_initializer,
          trainable=True)

      if self.scale_ratio is not None:
        relative_bias = tf.expand_dims(self.relative_bias, axis=-1)
        relative_bias = tf.cast(
            tf.image.resize(relative_bias, [2 * height - 1, 2 * width - 1]),
            self.compute_dtype)
        relative_bias = tf.squeeze(relative_bias, axis=-1)
      else:
        relative_bias = tf.cast(self.relative_bias, self.compute_dtype)

      self.reindexed_bias = reindex_2d_einsum_lookup(
          relative_bias, height, width, height - 1, width - 1,
          h_axis=h_axis)
    else:
      self.reindexed_bias = None

  def call(self, query, training, context=None, attn_mask=None):
    if context is None:
      context = query

    q_heads = self._q_proj(query)
    k_heads = self._k_proj(context)
    v_heads = self._v_proj(context)
    q_heads *= self.q_scale

    # attention
    attn_logits = tf.einsum(
        f'{self.q_expr},{self.k_expr}->{self.a_expr}',
        q_heads, k_heads)

    if self.reindexed_bias is not None:
      attn_logits += self.reindexed_bias

    if attn_mask is not None:
      attn_logits += (1.0 - attn_mask) * attn_logits.dtype.min

    attn_probs = float32_softmax(attn_logits, axis=-1)
    if self.dropatt:
      attn_probs = keras.layers.Dropout(self.dropatt, 'attn_prob_drop')(
          attn_probs, training=training)

    attn_out = tf.einsum(
        f'{self.a_expr},{self.v_expr}->{self.q_expr}',
        attn_probs, v_heads)
    output = self._o_proj(attn_out)

    return output


def build_model():
  inputs = keras.Input((16, 16))
  x = Attention(hidden_size=16, head_size=8, rel_attn_type='2d_multi_head')(inputs, training=None)
  x = keras.layers.GlobalAveragePooling1D()(x)
  outputs = keras.layers.Dense(3)(x)
  return keras.Model(inputs, outputs)
