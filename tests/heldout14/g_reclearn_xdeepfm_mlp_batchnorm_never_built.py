"""xDeepFM recommender: the shared `MLP` block always creates a BatchNormalization that `call()` uses only when `use_batch_norm=True`.

From RecLearn (recommender-system models in tf.keras). `reclearn.layers.MLP.__init__` builds its Dense
stack, a Dropout and, unconditionally, `self.bt = BatchNormalization()`; `call()` applies `self.bt` only
`if self.use_batch_norm`, and `use_batch_norm` defaults to False. Every ranking model that uses the
block with the default (xDeepFM, DeepFM, WDL, DCN, NFM) therefore carries a sublayer that is never
called and that `MLP` (which has no `build()`) never builds: on Keras 3 it stays unbuilt, with the
"does not have a build() method implemented and it looks like it has unbuilt state" warning when the
model is built, and a weights file written with batch normalisation on cannot be loaded into it.
xDeepFM itself also keeps its embeddings in a dict keyed by feature name, CIN kernels in a dict of
`add_weight`s made in `build()`, and a bias `add_weight` in the Model's `__init__`, which all work.
Ported to Keras 3: `Embedding(..., input_length=1)` lost `input_length` (removed in Keras 3); the
model's own `summary()` override (a functional Model traced from `self.call`) is kept as written.
"""

SOURCE = "https://github.com/ZiyaoGeng/RecLearn/blob/4bbfb492b872c5a3290a2bce1ed5c160162558a3/reclearn/layers/core.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py g_reclearn_xdeepfm_mlp_batchnorm_never_built.py:
warning: `build()` was called on layer 'mlp', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not being actually built, which may cause failures down the line.
as returned: xDeepFM, count_params() = count_params() raised ValueError, 1 weights, unbuilt: [all 11 sublayers before the first call; the model-level bias add_weight exists already]
after call: count_params() = 800, 15 trainable weights, unbuilt: ['BatchNormalization:batch_normalization']; output dtypes ['float32']
gradient None for 0 of 15 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear': 33, 'cin': 264, 'mlp': 344}
second call: 0 variables watched that the first call did not use
The embeddings dict, the CIN kernel dict (2 add_weights made in build) and the Model-level bias are all counted and
get gradients; only MLP.bt stays unbuilt (use_batch_norm defaults to False)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Layer, Dense, Dropout, BatchNormalization, Embedding, Input
from tensorflow.keras.regularizers import l2


def index_mapping(inputs_dict, map_dict):
    outputs_dict = {}
    for key, value in inputs_dict.items():
        if map_dict.get(key) is None:
            raise ValueError("map dict error!")
        outputs_dict[key] = tf.reshape(value + tf.convert_to_tensor(map_dict[key]), [-1, 1])
    return outputs_dict


class Linear(Layer):
    def __init__(self, feature_length, w_reg=1e-6):
        super(Linear, self).__init__()
        self.feature_length = feature_length
        self.w_reg = w_reg

    def build(self, input_shape):
        self.w = self.add_weight(name="w",
                                 shape=(self.feature_length, 1),
                                 regularizer=l2(self.w_reg),
                                 trainable=True)

    def call(self, inputs):
        result = tf.reduce_sum(tf.nn.embedding_lookup(self.w, inputs), axis=1)  # (batch_size, 1)
        return result


class MLP(Layer):
    def __init__(self, hidden_units, activation='relu', dnn_dropout=0., use_batch_norm=False):
        super(MLP, self).__init__()
        self.dnn_network = [Dense(units=unit, activation=activation) for unit in hidden_units]
        self.dropout = Dropout(dnn_dropout)
        self.use_batch_norm = use_batch_norm
        self.bt = BatchNormalization()

    def call(self, inputs):
        x = inputs
        for dnn in self.dnn_network:
            x = dnn(x)
        if self.use_batch_norm:
            x = self.bt(x)
        x = self.dropout(x)
        return x


class CIN(Layer):
    def __init__(self, cin_size, l2_reg=0.):
        super(CIN, self).__init__()
        self.cin_size = cin_size
        self.l2_reg = l2_reg

    def build(self, input_shape):
        self.embedding_nums = input_shape[1]
        self.field_nums = [self.embedding_nums] + self.cin_size
        self.cin_W = {
            'CIN_W_' + str(i): self.add_weight(
                name='CIN_W_' + str(i),
                shape=(1, self.field_nums[0] * self.field_nums[i], self.field_nums[i + 1]),
                initializer='random_normal',
                regularizer=l2(self.l2_reg),
                trainable=True)
            for i in range(len(self.field_nums) - 1)
        }

    def call(self, inputs):
        dim = inputs.shape[-1]
        hidden_layers_results = [inputs]
        split_X_0 = tf.split(hidden_layers_results[0], dim, 2)
        for idx, size in enumerate(self.cin_size):
            split_X_K = tf.split(hidden_layers_results[-1], dim, 2)
            result_1 = tf.matmul(split_X_0, split_X_K, transpose_b=True)
            result_2 = tf.reshape(result_1, shape=[dim, -1, self.embedding_nums * self.field_nums[idx]])
            result_3 = tf.transpose(result_2, perm=[1, 0, 2])
            result_4 = tf.nn.conv1d(input=result_3, filters=self.cin_W['CIN_W_' + str(idx)], stride=1,
                                    padding='VALID')
            result_5 = tf.transpose(result_4, perm=[0, 2, 1])
            hidden_layers_results.append(result_5)
        final_results = hidden_layers_results[1:]
        result = tf.concat(final_results, axis=1)
        result = tf.reduce_sum(result,  axis=-1)
        return result


class xDeepFM(Model):
    def __init__(self, feature_columns, hidden_units, cin_size, activation='relu', dnn_dropout=0,
                 embed_reg=0., cin_reg=0., w_reg=0.):
        super(xDeepFM, self).__init__()
        self.feature_columns = feature_columns
        self.embed_dim = self.feature_columns[0]['embed_dim']
        self.embed_layers = {
            feat['feat_name']: Embedding(input_dim=feat['feat_num'],
                                         output_dim=feat['embed_dim'],
                                         embeddings_initializer='random_normal',
                                         embeddings_regularizer=l2(embed_reg))
            for feat in self.feature_columns
        }
        self.map_dict = {}
        self.feature_length = 0
        for feat in self.feature_columns:
            self.map_dict[feat['feat_name']] = self.feature_length
            self.feature_length += feat['feat_num']
        self.field_num = len(self.feature_columns)
        self.linear = Linear(self.feature_length, w_reg)
        self.cin = CIN(cin_size=cin_size, l2_reg=cin_reg)
        self.mlp = MLP(hidden_units=hidden_units, activation=activation, dnn_dropout=dnn_dropout)
        self.cin_dense = Dense(1)
        self.dnn_dense = Dense(1)
        self.bias = self.add_weight(name='bias', shape=(1, ), initializer=tf.zeros_initializer())

    def call(self, inputs):
        linear_inputs = index_mapping(inputs, self.map_dict)
        linear_inputs = tf.concat([value for _, value in linear_inputs.items()], axis=-1)
        linear_out = self.linear(linear_inputs)
        sparse_embed = tf.concat([self.embed_layers[feat_name](value) for feat_name, value in inputs.items()], axis=-1)
        embed_matrix = tf.reshape(sparse_embed, [-1, self.field_num, self.embed_dim])
        cin_out = self.cin(embed_matrix)
        cin_out = self.cin_dense(cin_out)
        embed_vector = tf.reshape(embed_matrix, shape=(-1, embed_matrix.shape[1] * embed_matrix.shape[2]))
        dnn_out = self.mlp(embed_vector)
        dnn_out = self.dnn_dense(dnn_out)
        output = tf.nn.sigmoid(linear_out + cin_out + dnn_out + self.bias)
        return output

    def summary(self):
        inputs = {
            feat['feat_name']: Input(shape=(), dtype=tf.int32, name=feat['feat_name'])
            for feat in self.feature_columns
        }
        Model(inputs=inputs, outputs=self.call(inputs)).summary()


def build_model():
    feature_columns = [{'feat_name': 'C%d' % i, 'feat_num': 10 + i, 'embed_dim': 4} for i in range(3)]
    model = xDeepFM(feature_columns=feature_columns, hidden_units=[16, 8], cin_size=[8, 8])
    rng = np.random.default_rng(0)
    inputs = {f['feat_name']: rng.integers(0, f['feat_num'], size=(2,)).astype("int32") for f in feature_columns}
    return model, inputs
