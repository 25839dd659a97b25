"""easyrec's Deep & Cross Network keeps the cross-layer weights and biases as two lists of `tf.Variable` on the Model.

From xu-zhiwei/easyrec (`easyrec/models/dcn.py`). `DCN.__init__` sizes the cross network by hand
(`input_dimension` from the feature columns) and stores `self.cross_w = [tf.Variable(...) for _ in
range(num_crosses)]` and `self.cross_b = [...]`; `call()` applies x0 x^T w + b + x for each pair. On
tf.keras 2 the variables in the lists were tracked; on Keras 3 a backend `tf.Variable` is not a Keras
weight, so the whole cross tower (the "C" of DCN) is missing from `trainable_weights`, never trained
and never saved, while the deep tower trains normally.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); `DenseFeatures` over feature columns (gone in
Keras 3) replaced by a small stand-in layer that embeds each one-hot field and concatenates the numeric
ones, keeping `input_dimension` computed by hand as in the original; `blocks.DenseBlock` inlined;
`build_model()` uses 3 one-hot fields, 2 numeric fields, 3 crosses and a small deep tower.
"""

SOURCE = "https://github.com/xu-zhiwei/easyrec/blob/4e42a356efe799bcd469a568d356852e4230bbc8/easyrec/models/dcn.py"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/a_easyrec_dcn_cross_weights_tf_variable_lists.py:
as returned: DCN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['FeatureColumnsStandIn:feature_columns_stand_in', 'Embedding:embedding_2', 'Embedding:embedding_1', 'Embedding:embedding', 'DenseBlock:dense_block', 'Dense:dense_1', 'Dense:dense', 'Dense:dense_2']
after call: count_params() = 487, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 6 variables the model does not track: ['Variable:0', 'Variable:0', 'Variable:0', 'Variable:0', 'Variable:0', 'Variable:0']
params of the case's own layers: {'feature_columns_stand_in': 88, 'dense_block': 376}
second call: 0 variables watched that the first call did not use
Reading: the 6 untracked variables are cross_w[0..2] (14x1) and cross_b[0..2] (14,): 84 parameters of the cross tower absent from count_params() (487 = embeddings + deep tower + score) and from trainable_variables, so an optimizer step never updates them (gradients exist on the tape)."""

import keras
import tensorflow as tf
from keras.layers import Dense


class DenseBlock(keras.Model):
    """
    Multi-perception layer.
    """
    def __init__(self, units_list=None, activation=None):
        super(DenseBlock, self).__init__()
        if units_list is None:
            units_list = [256, 128, 64]
        self.fcs = [Dense(units=units, activation=activation) for units in units_list]

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for fc in self.fcs:
            x = fc(x)
        return x


class FeatureColumnsStandIn(keras.layers.Layer):
    """Stand-in for DenseFeatures: embed every one-hot field, append the numeric fields."""

    def __init__(self, vocab_sizes, embedding_dimension, num_dense):
        super().__init__()
        self.embeddings = [keras.layers.Embedding(v, embedding_dimension) for v in vocab_sizes]
        self.num_dense = num_dense

    def call(self, inputs):
        ids, dense = inputs["ids"], inputs["dense"]
        parts = [emb(ids[:, i]) for i, emb in enumerate(self.embeddings)]
        return tf.concat(parts + [dense], axis=1)


class DCN(keras.Model):
    """
    Deep & Cross Network (DCN).
    Reference: Ruoxi Wang et al. Deep & Cross Network for ad Click Predictions. ADKDD. 2017.
    """

    def __init__(self,
                 one_hot_vocab_sizes,
                 num_dense_features,
                 embedding_dimension=32,
                 num_crosses=5,
                 deep_units_list=None,
                 deep_activation='relu'):
        super(DCN, self).__init__()
        if deep_units_list is None:
            deep_units_list = [256, 128, 64]
        self.input_layer = FeatureColumnsStandIn(one_hot_vocab_sizes, embedding_dimension, num_dense_features)
        input_dimension = len(one_hot_vocab_sizes) * embedding_dimension + num_dense_features
        self.deep = DenseBlock(deep_units_list, deep_activation)
        self.cross_w = [tf.Variable(tf.random.normal((input_dimension, 1))) for _ in range(num_crosses)]
        self.cross_b = [tf.Variable(tf.random.normal((input_dimension,))) for _ in range(num_crosses)]
        self.score = Dense(1, 'sigmoid')

    def call(self, inputs, training=None, mask=None):
        x = self.input_layer(inputs)

        deep = self.deep(x)

        cross = x
        for w, b in zip(self.cross_w, self.cross_b):
            x1 = tf.expand_dims(x, -1)
            x2 = tf.expand_dims(cross, 1)
            cross = tf.squeeze(
                tf.matmul(
                    tf.matmul(x1, x2), w
                )
            ) + b + cross

        x = tf.concat((cross, deep), axis=1)
        return self.score(x)


def build_model():
    model = DCN([10, 7, 5], 2, embedding_dimension=4, num_crosses=3, deep_units_list=[16, 8])
    inputs = {"ids": tf.constant([[1, 2, 3], [4, 5, 0]]), "dense": tf.constant([[0.1, 0.2], [0.3, 0.4]])}
    return model, inputs
