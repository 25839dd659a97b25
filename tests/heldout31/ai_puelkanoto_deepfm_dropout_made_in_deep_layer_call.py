"""A DeepFM written as a subclassed `tf.keras.Model` whose deep part, `DeepLayer`, makes a fresh
`tf.keras.layers.Dropout(self.dropout_rate)` inside `call()` (and whose `DeepFmLayer` / `FmLayer` /
`EmbeddingLayer` make `Flatten` and `Concatenate` layers there too).

From nnkkmto/pu-learning-elkanoto (`deepfm.py`, the DeepFM used as the classifier of a PU-learning
Elkan-Noto experiment). The embeddings of every field are held in an `OrderedDict` keyed by feature
name (tracked on Keras 3, like a dict) and the two Dense layers are attributes; only the dropout is
created per call. Eager calls work, but on Keras 3 a `Dropout` owns a `SeedGenerator` state
variable, so the dropout created inside the traced `call()` makes `fit` fail ("tf.function only
supports singleton tf.Variables created on the first call").

Porting edits: none to the layers (the file already uses `tf.keras`, which is Keras 3 under TF 2.21);
`build_model()` makes three fields (two categorical ids and one padded id sequence of length 3,
vocabularies 5/4/6), `emb_dim=4`, and calls the model eagerly on a batch of 8 rows as the
repository's training script feeds it a list of per-feature arrays.
"""

SOURCE = "https://github.com/nnkkmto/pu-learning-elkanoto/blob/d724630435a757a8d66a85d2cb8881f3e410f62f/deepfm.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ai_puelkanoto_deepfm_dropout_made_in_deep_layer_call.py:
as returned: DeepFM, count_params() = 161, 14 weights, unbuilt: none
after call: count_params() = 161, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'embedding_layer': 60, 'deep_fm_layer': 101, 'deep_layer': 72, 'fm_layer': 19, 'embedding_layer_1': 15}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31c/probe_deepfm.py, compile adam / binary_crossentropy, one fit on the 8 rows):
fit raises ValueError in DeepLayer.call(): "tf.function only supports singleton tf.Variables created on
the first call" (the SeedGenerator state of the Dropout made in call()); eager calls, training=True
included, work -- the OrderedDict of embeddings is tracked and every weight gets a gradient."""

from collections import OrderedDict

import numpy as np
import tensorflow as tf


class EmbeddingLayer(tf.keras.layers.Layer):
    def __init__(self, features_info, emb_dim, name_prefix=''):
        """
        sequence対応のembedding layer
        """
        super(EmbeddingLayer, self).__init__()
        self.features_info = features_info
        self.feature_to_embedding_layer = OrderedDict()
        for feature in features_info:
            initializer = tf.keras.initializers.RandomNormal(stddev=0.01, seed=None)
            if feature['is_sequence']:
                # sequenceのembedding
                self.feature_to_embedding_layer[feature['name']] = tf.keras.layers.Embedding(
                    feature['dim'],
                    emb_dim,
                    mask_zero=True,
                    name=f"embedding_{name_prefix}{feature['name']}",
                    embeddings_initializer=initializer)
            else:
                self.feature_to_embedding_layer[feature['name']] = tf.keras.layers.Embedding(
                    feature['dim'],
                    emb_dim,
                    name=f"embedding_{name_prefix}{feature['name']}",
                    embeddings_initializer=initializer)

    def concatenate_embeddings(self, embeddings, name_prefix=''):
        if len(embeddings) >= 2:
            embeddings = tf.keras.layers.Concatenate(axis=1, name=name_prefix+'embeddings_concat')(embeddings)
        else:
            embeddings = embeddings[0]
        return embeddings

    def call(self, inputs):
        embeddings = []
        for feature_input, feature in zip(inputs, self.features_info):
            # embeddingの作成
            embedding = self.feature_to_embedding_layer[feature['name']](feature_input)
            if feature['is_sequence']:
                # sequenceの場合はaverage pooling
                embedding = tf.math.reduce_mean(embedding, axis=1, keepdims=True)
            embeddings.append(embedding)

        # concatenate
        embeddings = self.concatenate_embeddings(embeddings)
        return embeddings


class FmLayer(tf.keras.layers.Layer):
    def __init__(self, features_info):
        super(FmLayer, self).__init__()

        # linear
        self.linear_embedding = EmbeddingLayer(features_info, 1, 'fm_linear_')
        self.linear_dense = tf.keras.layers.Dense(1, activation='relu', name='linear_dense')

    def call(self, inputs, embeddings):
        linear_embeddings = self.linear_embedding(inputs)
        linear_output = tf.squeeze(linear_embeddings, axis=2, name='linear_embeddings_squeeze')
        linear_output = self.linear_dense(linear_output)

        # cross
        sum_then_square = tf.square(tf.reduce_sum(embeddings, axis=1))
        square_then_sum = tf.reduce_sum(tf.square(embeddings), axis=1)
        cross_output = tf.subtract(sum_then_square, square_then_sum)

        # merge linear and cross
        output = tf.keras.layers.Concatenate(axis=1, name='output_concat')([cross_output, linear_output])

        return output


class DeepLayer(tf.keras.layers.Layer):
    def __init__(self, dim, dropout_rate):
        super(DeepLayer, self).__init__()
        self.dropout_rate = dropout_rate
        self.dense_1 = tf.keras.layers.Dense(dim, activation='relu', name='dense_1')
        self.dense_2 = tf.keras.layers.Dense(dim, activation='relu', name='dense_2')

    def call(self, inputs):
        output = self.dense_1(inputs)
        output = tf.keras.layers.Dropout(self.dropout_rate)(output)
        output = self.dense_2(output)
        return output


class DeepFmLayer(tf.keras.layers.Layer):
    def __init__(self, features_info, dim, dropout_rate, is_add_fm=True):
        super(DeepFmLayer, self).__init__()
        self.is_add_fm = is_add_fm

        self.fm = FmLayer(features_info)
        self.deep = DeepLayer(dim, dropout_rate)
        self.out_dense = tf.keras.layers.Dense(1, activation='sigmoid', name='out_dense')

    def call(self, inputs, embeddings):
        # deep component
        reshaped_embeddings = tf.keras.layers.Flatten(name='deep_embeddings_flatten')(embeddings)
        deep_output = self.deep(reshaped_embeddings)

        if self.is_add_fm:
            # fm component
            fm_output = self.fm(inputs, embeddings)
            # merge fm and deep
            output = tf.keras.layers.Concatenate(axis=-1, name='output_concat')([fm_output, deep_output])
        else:
            output = deep_output

        return self.out_dense(output)


class DeepFM(tf.keras.Model):
    def __init__(self, features_info, emb_dim=10, dropout_rate=0.25, is_add_fm=True):
        super(DeepFM, self).__init__()
        self.emb_dim = emb_dim
        self.embedding = EmbeddingLayer(features_info, emb_dim)
        self.layer = DeepFmLayer(features_info, emb_dim, dropout_rate, is_add_fm)


    def call(self, inputs):
        # embedding
        embeddings = self.embedding(inputs)
        # deep fm
        output = self.layer(inputs, embeddings)

        return output


FEATURES_INFO = [
    {'name': 'user_gender', 'dim': 5, 'is_sequence': False},
    {'name': 'user_age_bucket', 'dim': 4, 'is_sequence': False},
    {'name': 'viewed_item_ids', 'dim': 6, 'is_sequence': True},
]


def build_model():
    rng = np.random.default_rng(0)
    inputs = [rng.integers(0, 5, (8, 1)), rng.integers(0, 4, (8, 1)), rng.integers(0, 6, (8, 3))]
    model = DeepFM(FEATURES_INFO, emb_dim=4, dropout_rate=0.25)
    model(inputs)
    return model, inputs
