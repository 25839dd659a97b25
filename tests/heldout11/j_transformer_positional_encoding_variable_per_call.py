"""DeepCTR-style `Transformer` layer whose helper `positional_encoding()` makes a new trainable variable on every call.

A Chinese recommender-systems study repo (deepplus, "deepctrplus/layers/sequence.py", a personal copy of
DeepCTR's layers) has a simplified Transformer for behaviour sequences. build() creates the query/key/value
and feed-forward weights with add_weight, plus Dropout and LayerNormalization sublayers; call() first
runs `queries = positional_encoding(queries)`, a module-level function that builds the sinusoid table
with NumPy and, when `pos_embedding_trainable` (default True), wraps it in a fresh `K.variable(...)`
(ported here to `keras.Variable`, Keras 3's spelling of the same call) before `tf.nn.embedding_lookup`. The
"trainable" position table is a new variable each time call() runs and belongs to no layer: it is not in
the layer's weights, never trained, and reset to the sinusoid on every batch. Because the layer defines
compute_output_shape, wiring the functional model does not trace call() and nothing complains. (The
repo's `keys = positional_encoding(queries)` line is kept as written.) Helper utilities (`reduce_max`,
`softmax`, `reduce_mean` with `keep_dims`) and DeepCTR's LayerNormalization are inlined/replaced by
Keras equivalents.
"""

SOURCE = "https://github.com/jianjunyue/deepplus/blob/master/deepctrplus/layers/sequence.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py j_transformer_positional_encoding_variable_per_call.py:
as returned: Functional, count_params() = 713, 7 weights, unbuilt: ['LayerNormalization:layer_normalization']
after call: count_params() = 729, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 2 variables the model does not track: ['functional/transformer/variable:0', 'functional/transformer/variable_1:0']
params of the case's own layers: {'transformer': 720}
second call: 2 variables watched that the first call did not use
Own script (/tmp/mine11b/m10.py): after 3 eager calls the Transformer's weights are only query/key/value/fw1/fw2 + LayerNormalization (no position table); model.compile + fit raises ValueError in Transformer.call(): tf.function only supports singleton tf.Variables created on the first call."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer, LayerNormalization


def reduce_max(input_tensor, axis=None, keep_dims=False, name=None):
    return tf.reduce_max(input_tensor, axis=axis, keepdims=keep_dims, name=name)


def reduce_mean(input_tensor, axis=None, keep_dims=False, name=None):
    return tf.reduce_mean(input_tensor, axis=axis, keepdims=keep_dims, name=name)


def softmax(logits, dim=-1, name=None):
    return tf.nn.softmax(logits, axis=dim, name=name)


class Transformer(Layer):
    """  Simplified version of Transformer  proposed in 《Attention is all you need》
    """

    def __init__(self, att_embedding_size=1, head_num=8, dropout_rate=0.0, use_positional_encoding=True, use_res=True,
                 use_feed_forward=True, use_layer_norm=False, blinding=True, seed=1024, supports_masking=False,
                 **kwargs):
        if head_num <= 0:
            raise ValueError('head_num must be a int > 0')
        self.att_embedding_size = att_embedding_size
        self.head_num = head_num
        self.num_units = att_embedding_size * head_num
        self.use_res = use_res
        self.use_feed_forward = use_feed_forward
        self.seed = seed
        self.use_positional_encoding = use_positional_encoding
        self.dropout_rate = dropout_rate
        self.use_layer_norm = use_layer_norm
        self.blinding = blinding
        super(Transformer, self).__init__(**kwargs)
        self.supports_masking = supports_masking

    def build(self, input_shape):
        embedding_size = int(input_shape[0][-1])
        if self.num_units != embedding_size:
            raise ValueError(
                "att_embedding_size * head_num must equal the last dimension size of inputs,got %d * %d != %d" % (
                self.att_embedding_size, self.head_num, embedding_size))
        self.seq_len_max = int(input_shape[0][-2])
        self.W_Query = self.add_weight(name='query', shape=[embedding_size, self.att_embedding_size * self.head_num],
                                       dtype=tf.float32,
                                       initializer=keras.initializers.TruncatedNormal(seed=self.seed))
        self.W_key = self.add_weight(name='key', shape=[embedding_size, self.att_embedding_size * self.head_num],
                                     dtype=tf.float32,
                                     initializer=keras.initializers.TruncatedNormal(seed=self.seed + 1))
        self.W_Value = self.add_weight(name='value', shape=[embedding_size, self.att_embedding_size * self.head_num],
                                       dtype=tf.float32,
                                       initializer=keras.initializers.TruncatedNormal(seed=self.seed + 2))
        if self.use_feed_forward:
            self.fw1 = self.add_weight(name='fw1', shape=[self.num_units, 4 * self.num_units], dtype=tf.float32,
                                       initializer=keras.initializers.glorot_uniform(seed=self.seed))
            self.fw2 = self.add_weight(name='fw2', shape=[4 * self.num_units, self.num_units], dtype=tf.float32,
                                       initializer=keras.initializers.glorot_uniform(seed=self.seed))

        # if self.use_positional_encoding:
        #
        #     self.kpe = Position_Embedding(input_shape[0][-1].value)
        #     self.qpe = Position_Embedding(input_shape[1][-1].value)
        self.dropout = keras.layers.Dropout(
            self.dropout_rate, seed=self.seed)
        self.ln = LayerNormalization()
        # Be sure to call this somewhere!
        super(Transformer, self).build(input_shape)

    def call(self, inputs, mask=None, training=None, **kwargs):

        if self.supports_masking:
            queries, keys = inputs
            query_masks, key_masks = mask
            query_masks = tf.cast(query_masks, tf.float32)
            key_masks = tf.cast(key_masks, tf.float32)
        else:
            queries, keys, query_masks, key_masks = inputs

            query_masks = tf.sequence_mask(
                query_masks, self.seq_len_max, dtype=tf.float32)
            key_masks = tf.sequence_mask(
                key_masks, self.seq_len_max, dtype=tf.float32)
            query_masks = tf.squeeze(query_masks, axis=1)
            key_masks = tf.squeeze(key_masks, axis=1)

        if self.use_positional_encoding:
            queries = positional_encoding(queries)
            keys = positional_encoding(queries)

        querys = tf.tensordot(queries, self.W_Query,
                              axes=(-1, 0))  # None T_q D*head_num
        keys = tf.tensordot(keys, self.W_key, axes=(-1, 0))
        values = tf.tensordot(keys, self.W_Value, axes=(-1, 0))

        # head_num*None T_q D
        querys = tf.concat(tf.split(querys, self.head_num, axis=2), axis=0)
        keys = tf.concat(tf.split(keys, self.head_num, axis=2), axis=0)
        values = tf.concat(tf.split(values, self.head_num, axis=2), axis=0)

        # head_num*None T_q T_k
        outputs = tf.matmul(querys, keys, transpose_b=True)

        outputs = outputs / (keys.get_shape().as_list()[-1] ** 0.5)

        key_masks = tf.tile(key_masks, [self.head_num, 1])

        # (h*N, T_q, T_k)
        key_masks = tf.tile(tf.expand_dims(key_masks, 1),
                            [1, tf.shape(queries)[1], 1])

        paddings = tf.ones_like(outputs) * (-2 ** 32 + 1)

        # (h*N, T_q, T_k)

        outputs = tf.where(tf.equal(key_masks, 1), outputs, paddings, )
        if self.blinding:
            try:
                outputs = tf.matrix_set_diag(outputs, tf.ones_like(outputs)[
                                                      :, :, 0] * (-2 ** 32 + 1))
            except:
                outputs = tf.compat.v1.matrix_set_diag(outputs, tf.ones_like(outputs)[
                                                                :, :, 0] * (-2 ** 32 + 1))

        outputs -= reduce_max(outputs, axis=-1, keep_dims=True)
        outputs = softmax(outputs)
        query_masks = tf.tile(query_masks, [self.head_num, 1])  # (h*N, T_q)
        # (h*N, T_q, T_k)
        query_masks = tf.tile(tf.expand_dims(
            query_masks, -1), [1, 1, tf.shape(keys)[1]])

        outputs *= query_masks

        outputs = self.dropout(outputs, training=training)
        # Weighted sum
        # ( h*N, T_q, C/h)
        result = tf.matmul(outputs, values)
        result = tf.concat(tf.split(result, self.head_num, axis=0), axis=2)

        if self.use_res:
            result += queries
        if self.use_layer_norm:
            result = self.ln(result)

        if self.use_feed_forward:
            fw1 = tf.nn.relu(tf.tensordot(result, self.fw1, axes=[-1, 0]))
            fw1 = self.dropout(fw1, training=training)
            fw2 = tf.tensordot(fw1, self.fw2, axes=[-1, 0])
            if self.use_res:
                result += fw2
            if self.use_layer_norm:
                result = self.ln(result)

        return reduce_mean(result, axis=1, keep_dims=True)

    def compute_output_shape(self, input_shape):

        return (None, 1, self.att_embedding_size * self.head_num)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self, ):
        config = {'att_embedding_size': self.att_embedding_size, 'head_num': self.head_num,
                  'dropout_rate': self.dropout_rate, 'use_res': self.use_res,
                  'use_positional_encoding': self.use_positional_encoding, 'use_feed_forward': self.use_feed_forward,
                  'use_layer_norm': self.use_layer_norm, 'seed': self.seed, 'supports_masking': self.supports_masking,
                  'blinding': self.blinding}
        base_config = super(Transformer, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def positional_encoding(inputs,
                        pos_embedding_trainable=True,
                        zero_pad=False,
                        scale=True,
                        ):
    '''Sinusoidal Positional_Encoding.

    Args:

      - inputs: A 2d Tensor with shape of (N, T).
      - num_units: Output dimensionality
      - zero_pad: Boolean. If True, all the values of the first row (id = 0) should be constant zero
      - scale: Boolean. If True, the output will be multiplied by sqrt num_units(check details from paper)

    Returns:

      - A 'Tensor' with one more rank than inputs's, with the dimensionality should be 'num_units'
    '''

    _, T, num_units = inputs.get_shape().as_list()
    # with tf.variable_scope(scope, reuse=reuse):
    position_ind = tf.expand_dims(tf.range(T), 0)
    # First part of the PE function: sin and cos argument
    position_enc = np.array([
        [pos / np.power(10000, 2. * i / num_units)
         for i in range(num_units)]
        for pos in range(T)])

    # Second part, apply the cosine to even columns and sin to odds.
    position_enc[:, 0::2] = np.sin(position_enc[:, 0::2])  # dim 2i
    position_enc[:, 1::2] = np.cos(position_enc[:, 1::2])  # dim 2i+1

    # Convert to a tensor

    if pos_embedding_trainable:
        lookup_table = keras.Variable(position_enc, dtype="float32")

    if zero_pad:
        lookup_table = tf.concat((tf.zeros(shape=[1, num_units]),
                                  lookup_table[1:, :]), 0)

    outputs = tf.nn.embedding_lookup(lookup_table, position_ind)

    if scale:
        outputs = outputs * num_units ** 0.5
    return outputs + inputs


def build_model():
    T, E = 6, 8
    query = keras.Input(shape=(T, E), name='query_emb')
    keys = keras.Input(shape=(T, E), name='keys_emb')
    query_len = keras.Input(shape=(1,), dtype='int32', name='query_len')
    keys_len = keras.Input(shape=(1,), dtype='int32', name='keys_len')
    out = Transformer(att_embedding_size=4, head_num=2, dropout_rate=0.1, use_layer_norm=True)(
        [query, keys, query_len, keys_len])
    out = keras.layers.Flatten()(out)
    out = keras.layers.Dense(1, activation='sigmoid')(out)
    model = keras.Model([query, keys, query_len, keys_len], out)
    rng = np.random.default_rng(0)
    x = [rng.random((2, T, E)).astype('float32'), rng.random((2, T, E)).astype('float32'),
         np.array([[4], [6]], dtype='int32'), np.array([[3], [6]], dtype='int32')]
    return model, x
