"""shenweichen's GATLayer sets nine attributes before `super().__init__(**kwargs)`, creates its three
Dropout sublayers in `build()` (not in `__init__`) and stores the attention matrix on `self` inside
`call()`: looks like a late super init (LD013), sublayers left unbuilt (LD005) and a tensor created in
`call` (LD002), but the attributes are plain Python settings Keras does not reset, the dropouts are
tracked and have no weights, the stored attention is an activation, and all weights train.

From shenweichen/GraphNeuralNetwork (`gnn/gat.py`), a Keras implementation of GCN, GAT and GraphSAGE by
the DeepCTR author. `GATLayer(att_embedding_size, head_num, dropout_rate, l2_reg, activation,
reduction, use_bias)` builds `weight`, `att_self_weight`, `att_neighs_weight` and `bias` with
`add_weight`, then `in_dropout`, `feat_dropout`, `att_dropout`; `call` computes per-head attention
logits, masks them with `-10e9 * (1 - A)`, softmaxes, keeps the result as
`self.normalized_att_scores`, and aggregates. `GAT(adj_dim, feature_dim, num_class, ...)` stacks
`num_layers - 1` concat layers and a mean-reduced output layer on [X, A] inputs.

Porting edits: the file imports `Layer`, `Dropout`, `Input`, `Model`, `K`, `Zeros`, `l2` from
`tensorflow.python.keras`, TF's frozen internal Keras 2 copy (still importable in TF 2.21, not Keras 3),
so they come from `tensorflow.keras` here; `tf.nn.softmax(dense, dim=-1)` is written `axis=-1` (TF 2
removed `dim`); `get_config` is left out (it reads a `self.use_res` the class never sets, so it
would raise on any save); the `try: keep_dims=True / except TypeError: keepdims=True` fallback is kept as written.
`build_model()` calls the repo's `GAT(adj_dim=6, feature_dim=5, num_class=3)` (two layers, 8 heads of 8).
"""

SOURCE = "https://github.com/shenweichen/GraphNeuralNetwork/blob/46cd3d5fb47fe4f34e6f5544d923e429e662d7b2/gnn/gat.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/okao_shenweichen_gatlayer_settings_before_super_dropouts_in_build.py:
as returned: Functional, count_params() = 713, 8 weights, unbuilt: none
after call: count_params() = 713, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gat_layer': 512, 'gat_layer_1': 201}
second call: 0 variables watched that the first call did not use
Own probe (probe_gat.py): after construction the first GATLayer still has head_num 8, att_embedding_size 8, reduction 'concat', use_bias True (nothing reset by the late super().__init__); its three Dropouts are tracked sublayers, all built. 713 = 512 (5x64 kernel + 3 x 64 attention/bias) + 201 (64x3 + 3 x 3)."""

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.initializers import Zeros
from tensorflow.keras.layers import Layer, Dropout, Input
from tensorflow.keras.regularizers import l2
from tensorflow.keras.models import Model


class GATLayer(Layer):

    def __init__(self, att_embedding_size=8, head_num=8, dropout_rate=0.5, l2_reg=0, activation=tf.nn.relu,
                 reduction='concat', use_bias=True, seed=1024, **kwargs):
        if head_num <= 0:
            raise ValueError('head_num must be a int > 0')
        self.att_embedding_size = att_embedding_size
        self.head_num = head_num
        self.dropout_rate = dropout_rate
        self.l2_reg = l2_reg
        self.activation = activation
        self.act = activation
        self.reduction = reduction
        self.use_bias = use_bias
        self.seed = seed
        super(GATLayer, self).__init__(**kwargs)

    def build(self, input_shape):

        X, A = input_shape
        embedding_size = int(X[-1])
        self.weight = self.add_weight(name='weight', shape=[embedding_size, self.att_embedding_size * self.head_num],
                                      dtype=tf.float32,
                                      regularizer=l2(self.l2_reg),
                                      initializer=tf.keras.initializers.glorot_uniform())
        self.att_self_weight = self.add_weight(name='att_self_weight',
                                               shape=[1, self.head_num,
                                                      self.att_embedding_size],
                                               dtype=tf.float32,
                                               regularizer=l2(self.l2_reg),
                                               initializer=tf.keras.initializers.glorot_uniform())
        self.att_neighs_weight = self.add_weight(name='att_neighs_weight',
                                                 shape=[1, self.head_num,
                                                        self.att_embedding_size],
                                                 dtype=tf.float32,
                                                 regularizer=l2(self.l2_reg),
                                                 initializer=tf.keras.initializers.glorot_uniform())

        if self.use_bias:
            self.bias_weight = self.add_weight(name='bias', shape=[1, self.head_num, self.att_embedding_size],
                                               dtype=tf.float32,
                                               initializer=Zeros())
        self.in_dropout = Dropout(self.dropout_rate)
        self.feat_dropout = Dropout(self.dropout_rate, )
        self.att_dropout = Dropout(self.dropout_rate, )
        # Be sure to call this somewhere!
        super(GATLayer, self).build(input_shape)

    def call(self, inputs, training=None, **kwargs):

        X, A = inputs
        X = self.in_dropout(X)  # N * D
        if K.ndim(X) != 2:
            raise ValueError(
                "Unexpected inputs dimensions %d, expect to be 2 dimensions" % (K.ndim(X)))

        features = tf.matmul(X, self.weight, )  # None F'*head_num
        features = tf.reshape(
            features, [-1, self.head_num, self.att_embedding_size])  # None head_num F'

        try:
            attn_for_self = tf.reduce_sum(
                features * self.att_self_weight, axis=-1, keep_dims=True)  # None head_num 1
            attn_for_neighs = tf.reduce_sum(
                features * self.att_neighs_weight, axis=-1, keep_dims=True)
        except TypeError:
            attn_for_self = tf.reduce_sum(
                features * self.att_self_weight, axis=-1, keepdims=True)  # None head_num 1
            attn_for_neighs = tf.reduce_sum(
                features * self.att_neighs_weight, axis=-1, keepdims=True)
        dense = tf.transpose(
            attn_for_self, [1, 0, 2]) + tf.transpose(attn_for_neighs, [1, 2, 0])

        dense = tf.nn.leaky_relu(dense, alpha=0.2)
        mask = -10e9 * (1.0 - A)
        dense += tf.expand_dims(mask, axis=0)  # [?,8,8], [1,?,2708]

        self.normalized_att_scores = tf.nn.softmax(
            dense, axis=-1, )  # head_num None(F) None(F)

        features = self.feat_dropout(features, )
        self.normalized_att_scores = self.att_dropout(
            self.normalized_att_scores)

        result = tf.matmul(self.normalized_att_scores,
                           tf.transpose(features, [1, 0, 2]))  # head_num None F D   [8,2708,8] [8,2708,3]
        result = tf.transpose(result, [1, 0, 2])  # None head_num attsize

        if self.use_bias:
            result += self.bias_weight

        # head_num Node embeding_size
        if self.reduction == "concat":
            result = tf.concat(
                tf.split(result, self.head_num, axis=1), axis=-1)
            result = tf.squeeze(result, axis=1)
        else:
            result = tf.reduce_mean(result, axis=1)

        if self.act:
            result = self.activation(result)

        result._uses_learning_phase = True
        return result

    def compute_output_shape(self, input_shape):
        if self.reduction == "concat":

            return (None, self.att_embedding_size * self.head_num)
        else:
            return (None, self.att_embedding_size)


def GAT(adj_dim,feature_dim,num_class,num_layers=2,n_attn_heads = 8,att_embedding_size=8,dropout_rate=0.0,l2_reg=0.0,use_bias=True):
    X_in = Input(shape=(feature_dim,))
    A_in = Input(shape=(adj_dim,))
    h = X_in
    for _ in range(num_layers-1):
        h = GATLayer(att_embedding_size=att_embedding_size, head_num=n_attn_heads, dropout_rate=dropout_rate, l2_reg=l2_reg,
                                     activation=tf.nn.elu, use_bias=use_bias, )([h, A_in])

    h = GATLayer(att_embedding_size=num_class, head_num=1, dropout_rate=dropout_rate, l2_reg=l2_reg,
                                 activation=tf.nn.softmax, use_bias=use_bias, reduction='mean')([h, A_in])

    model = Model(inputs=[X_in, A_in], outputs=h)

    return model


def build_model():
    import numpy as np
    model = GAT(adj_dim=6, feature_dim=5, num_class=3)
    x = np.random.default_rng(0).random((6, 5)).astype("float32")
    a = np.eye(6, dtype="float32")
    a[np.arange(5), np.arange(1, 6)] = 1.0
    a = np.maximum(a, a.T)
    return model, [x, a]
