"""DCN in tf2: per-feature Embedding layers held in a dict keyed by feature name, cross weights in lists of `add_weight`.

From KrianJ/CtrEstimate (`models_tf2/DCN.py`). The `DCN` Model keeps
`self.embed_layer = {'embed_<feature>': Embedding(...)}` built by a dict comprehension in `__init__` and
looks each sparse feature up by name in `call()`; `CrossLayer.build()` creates `self.cross_weight` and
`self.cross_bias` as Python lists of `add_weight` results (one per cross layer) and indexes them in the
cross loop. Looks like the "weights in a plain dict/list" trap, but on Keras 3 dicts and lists assigned
to a layer attribute are tracked and `add_weight` variables are Keras variables: every embedding, cross
weight and bias is counted and trained.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); `DenseLayer` imported from
`models_tf2/base_layer.py` (via WideDeep) inlined; `CrossLayer`'s default `b_reg=1 - 4` (a typo for
1e-4: a negative L2 factor, which Keras 3's `l2()` rejects with a ValueError) changed to `1e-4`; the positional weight name in
`add_weight('w_{}'...)` passed as `name=` (Keras 3 requires the keyword); `build_model()` uses 2 dense and 3 label-encoded
sparse features (a batch of 32 rows) and the author's `activation='relu'` (predict_DCN_tf2.py), which
also feeds the 1-unit output Dense.
"""

SOURCE = "https://github.com/KrianJ/CtrEstimate/blob/cdf966a7b9efb84f6a5c4ebc9237cc28d4f48f46/models_tf2/DCN.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/oka_ctrestimate_dcn_embedding_dict_and_cross_weight_lists.py:
as returned: DCN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:embedding', 'Embedding:embedding_1', 'Embedding:embedding_2', 'CrossLayer:cross_layer', 'DenseLayer:dense_layer', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense', 'Dense:dense_3']
after call: count_params() = 556, 17 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 17 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cross_layer': 45, 'dense_layer': 412}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine19a/trainprobe.py, one SGD step): all 17 trainable weights change, including the 3 Embeddings held in the dict and the 6 cross weights/biases held in lists."""

import keras
import tensorflow as tf
from keras.layers import Layer, Embedding, Dense, Dropout
from keras import Model


class DenseLayer(Layer):

    def __init__(self, hidden_units, output_dim, activation, dropout=0.):
        super(DenseLayer, self).__init__()
        self.hidden_layers = [Dense(i, activation=activation) for i in hidden_units]
        self.output_layer = Dense(output_dim, activation=None)
        self.dropout = Dropout(dropout)

    def call(self, inputs, **kwargs):
        x = inputs
        for layer in self.hidden_layers:
            x = layer(x)
        x = self.dropout(x)
        output = self.output_layer(x)
        return output


class CrossLayer(Layer):
    def __init__(self, layer_num, w_reg=1e-4, b_reg=1e-4):
        super(CrossLayer, self).__init__()
        self.layer_num = layer_num
        self.w_reg = w_reg
        self.b_reg = b_reg

    def build(self, input_shape):
        self.cross_weight = [
            self.add_weight(name='w_{}'.format(i),
                            shape=(input_shape[-1], 1),
                            trainable=True,
                            initializer=keras.initializers.RandomNormal(),
                            regularizer=keras.regularizers.l2(self.w_reg))
            for i in range(self.layer_num)
        ]
        self.cross_bias = [
            self.add_weight(name='b_{}'.format(i),
                            shape=(1,),
                            trainable=True,
                            initializer=keras.initializers.Zeros(),
                            regularizer=keras.regularizers.l2(self.b_reg))
            for i in range(self.layer_num)
        ]

    def call(self, inputs, **kwargs):
        x_0 = tf.expand_dims(inputs, axis=2)  # (batch_size, dim, 1)
        x_l = x_0
        for i in range(self.layer_num):
            xl_w = tf.matmul(tf.transpose(x_l, [0, 2, 1]), self.cross_weight[i])    # (batch_size, 1, 1)
            x_l = tf.matmul(x_0, xl_w) + self.cross_bias[i] + x_l

        output = tf.squeeze(x_l, axis=2)
        return output


class DCN(Model):
    def __init__(self, dense_feature, sparse_feature, sparse_one_hot_dim, sparse_embed_dim,
                 n_cross_layer, hidden_units, output_dim, activation):
        super(DCN, self).__init__()
        self.dense_feature = dense_feature
        self.sparse_feature = sparse_feature
        self.sparse_one_hot_dim = sparse_one_hot_dim
        self.sparse_embed_dim = sparse_embed_dim

        self.embed_layer = {
            'embed_{}'.format(fea): Embedding(input_dim=sparse_one_hot_dim[i],
                                              output_dim=sparse_embed_dim[i])
            for i, fea in enumerate(self.sparse_feature)
        }
        self.cross_part = CrossLayer(n_cross_layer)
        self.dense_part = DenseLayer(hidden_units, output_dim, activation)
        self.output_layer = Dense(1, activation)

    def call(self, inputs, training=None, mask=None):
        """inputs: dense_input + label_encoding input"""
        dense_input = inputs[:, :len(self.dense_feature)]
        sparse_input = inputs[:, len(self.dense_feature):]
        sparse_embed = [self.embed_layer['embed_{}'.format(fea)](sparse_input[:, i])
                        for i, fea in enumerate(self.sparse_feature)]
        sparse_embed = tf.concat(sparse_embed, axis=1)
        x = tf.concat([dense_input, sparse_embed], axis=1)
        cross_output = self.cross_part(x)
        dnn_output = self.dense_part(x)

        output = tf.concat([cross_output, dnn_output], axis=1)
        output = tf.nn.sigmoid(self.output_layer(output))
        return output


def build_model():
    model = DCN(dense_feature=["I1", "I2"], sparse_feature=["C1", "C2", "C3"],
                sparse_one_hot_dim=[10, 6, 4], sparse_embed_dim=[4, 4, 4],
                n_cross_layer=3, hidden_units=[16, 8], output_dim=4, activation="relu")
    dense = tf.random.stateless_uniform((32, 2), seed=(1, 2))
    sparse = tf.cast(tf.random.stateless_uniform((32, 3), seed=(3, 4), maxval=4, dtype=tf.int32), tf.float32)
    inputs = tf.concat([dense, sparse], axis=1)  # dense features first, then label-encoded ids
    return model, inputs
