"""A TF2 port of DeepCTR-Torch's DeepFM keeps the model's global output bias as
`self.out_bias = tf.Variable(tf.zeros([1,]), trainable=True)` on a `tf.keras.Model`: on Keras 3 the bias
is not tracked, so it is not counted, not in `trainable_variables` (never trained) and not saved.

From yongqyu/DeepFM-tf2 (`model.py`, with `layer.py` and `utils.py`, at the commit cited), a TensorFlow 2
translation of shenweichen/DeepCTR-Torch. `Base.__init__` builds the feature index from
`SparseFeat`/`DenseFeat`/`VarLenSparseFeat` columns, a dict of `Embedding` layers (one per sparse feature)
and `self.out_bias` as a raw `tf.Variable` (the dense-feature weight `self.weight` next to it is commented
out, as in the repo). `DeepFM.__init__` adds the weightless `FM` layer and a `Sequential` of the `DNN`
layer (a list of Dense layers) and a bias-free Dense(1); `call` sums the first-order embedding logits, the
DNN logit and the FM interaction logit and adds `self.out_bias`.

Porting edits: none; the repository's `FM`, `DNN`, `SparseFeat` and `build_input_features` are inlined
(the `VarLenSparseFeat`/`DenseFeat` classes and `CIN`/`xDeepFM`, unused here, are left out).
`build_model()` builds `DeepFM(linear_feature_columns=cols, dnn_feature_columns=cols, sparse_emb_dim=4,
dnn_layers=[16, 8])` on three sparse features (vocabularies 10, 7, 5) and returns it with a batch of 4
rows of feature ids; like the repo, the model is subclassed and trained on its `trainable_variables`.
"""

SOURCE = "https://github.com/yongqyu/DeepFM-tf2/blob/31dbedded5e73723f10a26a392f43633e0f677a8/model.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/ap_yongqyudeepfm_out_bias_tf_variable_on_model.py:
as returned: DeepFM, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:embedding', 'Embedding:embedding_1', 'Embedding:embedding_2', 'FM:fm', 'Sequential:sequential', 'Dense:dense_2', 'DNN:dnn', 'Dense:dense_1', 'Dense:dense']
after call: count_params() = 440, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'fm': 0, 'dnn': 344}
second call: 0 variables watched that the first call did not use
440 = 3 Embeddings 88 + DNN 344 (12->16, 16->8) + output Dense 8: the 1-element out_bias is not counted; the tape reads it as 'Variable:0', a variable the model does not track, so a loop over model.trainable_variables never updates it."""

from collections import OrderedDict, namedtuple

import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as layers


# --- utils.py (same commit) ---
class SparseFeat(namedtuple('SparseFeat', ['name', 'dimension', 'use_hash', 'dtype', 'embedding_name', 'embedding'])):
    __slots__ = ()

    def __new__(cls, name, dimension, use_hash=False, dtype="int32", embedding_name=None, embedding=True):
        if embedding and embedding_name is None:
            embedding_name = name
        return super(SparseFeat, cls).__new__(cls, name, dimension, use_hash, dtype, embedding_name, embedding)

class DenseFeat(namedtuple('DenseFeat', ['name', 'dimension', 'dtype'])):
    __slots__ = ()

    def __new__(cls, name, dimension=1, dtype="float64"):
        return super(DenseFeat, cls).__new__(cls, name, dimension, dtype)

class VarLenSparseFeat(namedtuple('VarLenFeat', ['name', 'dimension', 'maxlen', 'combiner', 'use_hash', 'dtype',
                                                 'embedding_name', 'embedding'])):
    __slots__ = ()

def build_input_features(feature_columns, include_varlen=True,
                         mask_zero=True, prefix='', include_fixlen=True):
    features = OrderedDict()
    start = 0
    if include_fixlen:
        for feat in feature_columns:
            feat_name = feat.name
            if feat_name in features:
                continue
            if isinstance(feat, SparseFeat):
                features[feat_name] = (start, start + 1)
                start += 1
            elif isinstance(feat, DenseFeat):
                features[feat_name] = (start, start + feat.dimension)
                start += feat.dimension
            else:
                raise TypeError("Invalid feature column type,got",type(feat))
    return features


# --- layer.py (same commit) ---
class FM(tf.keras.layers.Layer):
    def __init__(self):
        super(FM, self).__init__()

    def call(self, input):
        square_of_sum = tf.math.pow(tf.math.reduce_sum(input, 1, keepdims=True), 2)
        sum_of_square = tf.math.reduce_sum(input * input, 1, keepdims=True)
        cross_term = square_of_sum - sum_of_square
        cross_term = 0.5 * tf.math.reduce_sum(cross_term, axis=2, keepdims=False)

        return tf.squeeze(cross_term, -1)


class DNN(tf.keras.layers.Layer):
    def __init__(self, inputs_dim, hidden_units, activation=tf.nn.relu, dropout_rate=0, use_bn=False):
        super(DNN, self).__init__()
        self.activation = activation
        self.dropout_rate = dropout_rate
        self.dropout = layers.Dropout(dropout_rate)
        self.use_bn = use_bn
        if len(hidden_units) == 0:
            raise ValueError("hidden_units is empty!!")

        self.linears = [layers.Dense(hidden_units[i]) for i in range(len(hidden_units))]

        if self.use_bn:
            self.bn = [nn.BatchNorm1d(hidden_units[i]) for i in range(len(hidden_units))]

    def call(self, input):
        for i in range(len(self.linears)):

            fc = self.linears[i](input)
            if self.use_bn:
                fc = self.bn[i](fc)
            fc = self.activation(fc)
            fc = self.dropout(fc)
            input = fc

        return input


# --- model.py ---
class Base(tf.keras.Model):
    def __init__(self, linear_feature_columns, dnn_feature_columns, sparse_emb_dim):
        super(Base, self).__init__()

        self.feature_index = build_input_features(
            linear_feature_columns + dnn_feature_columns)
        self.dnn_feature_columns = dnn_feature_columns

        self.sparse_feature_columns = list(
                filter(lambda x: isinstance(x, SparseFeat), dnn_feature_columns)
                                          ) if len(dnn_feature_columns) else []
        self.varlen_sparse_feature_columns = list(
            filter(lambda x: isinstance(x, VarLenSparseFeat), dnn_feature_columns)
                                                 ) if dnn_feature_columns else []
        self.dense_feature_columns = list(
                filter(lambda x: isinstance(x, DenseFeat), dnn_feature_columns)
                                         ) if len(dnn_feature_columns) else []

        self.embedding_dict = {feat.embedding_name: layers.Embedding(feat.dimension, sparse_emb_dim, embeddings_initializer='normal')
                                for feat in self.sparse_feature_columns+self.varlen_sparse_feature_columns}

        # self.weight = tf.Variable(tf.random.normal(
        #                           [sum(fc.dimension for fc in self.dense_feature_columns), 1],
        #                           stddev=0.0001), trainable=True)
        self.out_bias= tf.Variable(tf.zeros([1,]), trainable=True)


    def input_from_feature_columns(self, x):
        sparse_embedding_list = [self.embedding_dict[feat.embedding_name](
            x[:, self.feature_index[feat.name][0]:self.feature_index[feat.name][1]])
            for feat in self.sparse_feature_columns]
        varlen_sparse_embedding_list = [self.embedding_dict[feat.embedding_name](
            x[:, self.feature_index[feat.name][0]:self.feature_index[feat.name][1]])
            for feat in self.varlen_sparse_feature_columns]

        dense_value_list = [x[:, self.feature_index[feat.name][0]:self.feature_index[feat.name][1]] for feat in
                            self.dense_feature_columns]

        return sparse_embedding_list, \
               varlen_sparse_embedding_list, \
               dense_value_list

class DeepFM(Base):
    def __init__(self, linear_feature_columns, dnn_feature_columns,
                 sparse_emb_dim, dnn_layers, dropout_rate=0.5):
        super(DeepFM, self).__init__(linear_feature_columns, dnn_feature_columns,
                                     sparse_emb_dim)

        self.fm = FM()
        self.dnn= tf.keras.Sequential([
                            DNN(sum(map(lambda x: x.dimension, self.dense_feature_columns)) +
                                  len(self.sparse_feature_columns) * sparse_emb_dim,
                                  dnn_layers, dropout_rate=dropout_rate),
                            layers.Dense(1, use_bias=False, activation='linear')])

    def call(self, x):
        sparse_emb, varlen_emb, dense_emb = self.input_from_feature_columns(x)

        linear_sparse_logit = tf.reduce_sum(
                                tf.concat(sparse_emb, axis=-1), axis=-1, keepdims=False)

        if len(dense_emb):
            linear_dense_logit = tf.matmul(tf.concat(
                                    dense_emb, axis=-1), self.weight)
            logit = tf.squeeze(linear_sparse_logit + linear_dense_logit, -1)

            logit += self.dnn(tf.concat([tf.squeeze(tf.concat(sparse_emb + varlen_emb, -1), 1),
                                        tf.concat(dense_emb, -1)], axis=-1))

        else:
            logit = tf.squeeze(linear_sparse_logit, -1)

            logit += tf.squeeze(self.dnn(tf.concat(
                [tf.squeeze(x, 1) for x in sparse_emb] + [tf.reshape(varlen_emb, [x.shape[0],-1])], 1)), 1)

            logit += self.fm(tf.concat(sparse_emb + varlen_emb, axis=1))

        pred = logit + self.out_bias

        return pred


def build_model():
    cols = [SparseFeat("user", 10), SparseFeat("item", 7), SparseFeat("genre", 5)]
    model = DeepFM(linear_feature_columns=cols, dnn_feature_columns=cols, sparse_emb_dim=4,
                   dnn_layers=[16, 8])
    x = np.array([[1, 2, 3], [4, 5, 0], [9, 6, 4], [0, 0, 1]], dtype="int32")
    return model, x
