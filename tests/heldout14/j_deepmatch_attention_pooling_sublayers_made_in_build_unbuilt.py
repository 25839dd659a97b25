"""DeepMatch's `AttentionSequencePoolingLayer` creates its `ConcatAttention` and `SoftmaxWeightedSum`
sublayers in `build()`, and `ConcatAttention` in turn creates its `Dense` projection in its own
`build()`; every layer also declares `compute_output_shape()`.

On tf.keras 2 the first symbolic call ran `call()`, which built the nested Dense. On Keras 3 a layer
that declares `compute_output_shape()` is wired into a functional model from that method alone, so
`call()` never runs at wiring time: the outer `build()` only *creates* `ConcatAttention`, nobody
builds it, and the model comes out with `count_params() == 0`, no weights and a summary of
"Total params: 0". Only the first real call (or the first `fit` step) creates the projection's
variables, so anything done between wiring and training - `summary()`, `save_weights`,
`load_weights`, counting parameters - sees no weights.

Porting edits: `tensorflow.python.keras` imports -> `keras`; DeepCTR's `softmax` helper replaced by
`tf.nn.softmax`; wired on its own on (1, 8) query, (5, 8) keys and an int length input (DeepMatch
wires it inside its recall models); the author's `compute_output_shape` (which reports the history
length, 5, as the last dim) kept as written.
"""

SOURCE = "https://github.com/shenweichen/DeepMatch/blob/master/deepmatch/layers/interaction.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py j_deepmatch_attention_pooling_sublayers_made_in_build_unbuilt.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: ['SoftmaxWeightedSum:softmax_weighted_sum', 'ConcatAttention:concat_attention']
after call: count_params() = 17, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_sequence_pooling_layer': 17, 'softmax_weighted_sum': 0, 'concat_attention': 17}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14b/p10.py): wired model count_params() 0, weights []; after one eager call 17
(dense kernel 16 + bias 1); `fit` on a freshly wired model creates the Dense inside the first step and
then trains it (both weights change on a second fit)."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer, Dense, Dropout


def softmax(logits, dim=-1, name=None):
    return tf.nn.softmax(logits, axis=dim, name=name)


class ConcatAttention(Layer):
    """
    :param query: [batch_size, T, C_q]
    :param key:   [batch_size, T, C_k]
    :return:      [batch_size, 1, T]
        query_size should keep the same dim with key_size
    """

    def __init__(self, scale=True, **kwargs):
        self.scale = scale
        super(ConcatAttention, self).__init__(**kwargs)

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 2:
            raise ValueError('A `ConcatAttention` layer should be called '
                             'on a list of 2 tensors')
        self.projection_layer = Dense(units=1, activation='tanh')
        super(ConcatAttention, self).build(input_shape)

    def call(self, inputs, mask=None, **kwargs):
        query, key = inputs
        q_k = tf.concat([query, key], axis=-1)
        output = self.projection_layer(q_k)
        if self.scale == True:
            output = output / (key.get_shape().as_list()[-1] ** 0.5)
        output = tf.transpose(output, [0, 2, 1])
        return output

    def compute_output_shape(self, input_shape):
        return (None, 1, input_shape[1][1])

    def compute_mask(self, inputs, mask):
        return mask


class SoftmaxWeightedSum(Layer):
    """
    :param align:           [batch_size, 1, T]
    :param value:           [batch_size, T, units]
    :param key_masks:       [batch_size, 1, T]
    """

    def __init__(self, dropout_rate=0.2, future_binding=False, seed=2020, **kwargs):
        self.dropout_rate = dropout_rate
        self.future_binding = future_binding
        self.seed = seed
        super(SoftmaxWeightedSum, self).__init__(**kwargs)

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 3:
            raise ValueError('A `SoftmaxWeightedSum` layer should be called '
                             'on a list of 3 tensors')
        self.dropout = Dropout(self.dropout_rate, seed=self.seed)
        super(SoftmaxWeightedSum, self).build(input_shape)

    def call(self, inputs, mask=None, training=None, **kwargs):
        align, value, key_masks = inputs
        paddings = tf.ones_like(align) * (-2 ** 32 + 1)
        align = tf.where(key_masks, align, paddings)
        align = softmax(align)
        align = self.dropout(align, training=training)
        output = tf.matmul(align, value)
        return output

    def compute_output_shape(self, input_shape):
        return (None, 1, input_shape[1][1])

    def compute_mask(self, inputs, mask):
        return mask


class AttentionSequencePoolingLayer(Layer):
    """
    :param query:           [batch_size, 1, C_q]
    :param keys:            [batch_size, T, C_k]
    :param keys_length:      [batch_size, 1]
    :return:                [batch_size, 1, C_k]
    """

    def __init__(self, dropout_rate=0, **kwargs):
        self.dropout_rate = dropout_rate
        super(AttentionSequencePoolingLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 3:
            raise ValueError('A `SequenceFeatureMask` layer should be called '
                             'on a list of 3 inputs')
        self.concat_att = ConcatAttention()
        self.softmax_weight_sum = SoftmaxWeightedSum(dropout_rate=self.dropout_rate, future_binding=False)
        super(AttentionSequencePoolingLayer, self).build(input_shape)

    def call(self, inputs, mask=None, **kwargs):
        queries, keys, keys_length = inputs
        hist_len = keys.get_shape()[1]
        key_masks = tf.sequence_mask(keys_length, hist_len)
        queries = tf.tile(queries, [1, hist_len, 1])  # [batch_size, T, units]
        attention_score = self.concat_att([queries, keys])  # [batch_size, 1, units]

        outputs = self.softmax_weight_sum([attention_score, keys, key_masks])
        # [batch_size, units]
        return outputs

    def compute_output_shape(self, input_shape):
        return (None, 1, input_shape[1][1])

    def compute_mask(self, inputs, mask):
        return mask


def build_model():
    query = keras.Input((1, 8), name="query_emb")
    keys = keras.Input((5, 8), name="hist_emb")
    keys_length = keras.Input((1,), dtype="int32", name="hist_len")
    pooled = AttentionSequencePoolingLayer()([query, keys, keys_length])
    model = keras.Model([query, keys, keys_length], pooled)
    inputs = [np.random.default_rng(0).random((2, 1, 8)).astype("float32"),
              np.random.default_rng(1).random((2, 5, 8)).astype("float32"),
              np.array([[3], [5]], dtype="int32")]
    return model, inputs
