"""An AFM layer keeps one `Embedding` per sparse field in a plain dict, and its attention sub-layer creates its two `Dense` layers in `build()` with no explicit build of them: all are tracked, built on first use and trained on Keras 3.

From jc-LeeHub/Recommend-System-tf2.0 (`AFM/layer.py`, Attentional Factorization Machine in tf.keras 2).
`AFM_layer.__init__` builds `self.embed_layer = {"emb_"+str(i): Embedding(...) for each sparse field}` (a dict
comprehension), an `Interaction_layer` (pairwise element-wise products, no weights), an `Attention_layer` only
when `mode == 'att'`, and an output `Dense(1)`. `Attention_layer.build()` assigns
`self.attention_w = Dense(input_shape[1], activation='relu')` and `self.attention_h = Dense(1)` and never builds
them; `call()` applies both and a softmax over the interaction axis. Looks like LD011 (layers in a dict) and LD005
(sublayers made in `build()` and left unbuilt), but Keras 3 wraps the dict in a tracked container and the two
Dense layers build on their first call inside `call()`: all embeddings, both attention Dense layers and the output
Dense are counted and get gradients.

Porting edits: `tensorflow.keras.backend.ndim` (gone in Keras 3) -> `len(x.shape)`; the rest as written.
`build_model()` builds the repository's `AFM(Model)` wrapper with `mode='att'`, 2 dense and 3 sparse feature
columns; the author hard-codes 13 dense columns (`inputs[:, :13]`, Criteo), kept as is, so the sample input has
13 dense + 3 sparse columns (sparse values as floats, as the author feeds one float matrix).
"""

SOURCE = "https://github.com/jc-LeeHub/Recommend-System-tf2.0/blob/921da9f9b5bbe92676156050d80b29ad2f23886d/AFM/layer.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbe_jcleehub_afm_embedding_dict_and_attention_dense_made_in_build.py:
as returned: AFM, count_params() raised ValueError, 0 weights, unbuilt: ['AFM_layer:afm_layer', 'Dense:dense', 'Attention_layer:attention_layer', 'Interaction_layer:interaction_layer', 'Embedding:embedding_2', 'Embedding:embedding_1', 'Embedding:embedding']
after call: count_params() = 108, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'afm_layer': 108, 'attention_layer': 19, 'interaction_layer': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer
from tensorflow.keras.layers import Embedding, Dense
from tensorflow.keras.models import Model


class Interaction_layer(Layer):
    def __init__(self):
        super().__init__()

    def call(self, inputs, **kwargs):  # [None, field, k]
        if len(inputs.shape) != 3:
            raise ValueError("Unexpected inputs dimensions %d, expect to be 3 dimensions" % (len(inputs.shape)))

        element_wise_product_list = []
        for i in range(inputs.shape[1]):
            for j in range(i+1, inputs.shape[1]):
                element_wise_product_list.append(tf.multiply(inputs[:, i], inputs[:, j]))
        element_wise_product = tf.transpose(tf.convert_to_tensor(element_wise_product_list), [1, 0, 2])
        return element_wise_product


class Attention_layer(Layer):
    def __init__(self):
        super().__init__()

    def build(self, input_shape):  # [None, field, k]
        self.attention_w = Dense(input_shape[1], activation='relu')
        self.attention_h = Dense(1, activation=None)

    def call(self, inputs, **kwargs):
        if len(inputs.shape) != 3:
            raise ValueError("Unexpected inputs dimensions %d, expect to be 3 dimensions" % (len(inputs.shape)))

        x = self.attention_w(inputs)
        x = self.attention_h(x)
        a_score = tf.nn.softmax(x)
        a_score = tf.transpose(a_score, [0, 2, 1])
        output = tf.reshape(tf.matmul(a_score, inputs), shape=(-1, inputs.shape[2]))
        return output


class AFM_layer(Layer):
    def __init__(self, feature_columns, mode):
        super(AFM_layer, self).__init__()
        self.dense_feature_columns, self.sparse_feature_columns = feature_columns
        self.mode = mode
        self.embed_layer = {"emb_"+str(i): Embedding(feat['feat_onehot_dim'], feat['embed_dim'])
                            for i, feat in enumerate(self.sparse_feature_columns)}
        self.interaction_layer = Interaction_layer()
        if self.mode == 'att':
            self.attention_layer = Attention_layer()
        self.output_layer = Dense(1)

    def call(self, inputs, **kwargs):
        if len(inputs.shape) != 2:
            raise ValueError("Unexpected inputs dimensions %d, expect to be 2 dimensions" % (len(inputs.shape)))

        dense_inputs, sparse_inputs = inputs[:, :13], inputs[:, 13:]
        embed = [self.embed_layer['emb_'+str(i)](sparse_inputs[:, i])
                 for i in range(sparse_inputs.shape[1])]
        embed = tf.convert_to_tensor(embed)
        embed = tf.transpose(embed, [1, 0, 2])

        embed = self.interaction_layer(embed)

        if self.mode == 'avg':
            x = tf.reduce_mean(embed, axis=1)
        elif self.mode == 'max':
            x = tf.reduce_max(embed, axis=1)
        else:
            x = self.attention_layer(embed)

        output = tf.nn.sigmoid(self.output_layer(x))
        return output


class AFM(Model):
    def __init__(self, feature_columns, mode):
        super().__init__()
        self.afm_layer = AFM_layer(feature_columns, mode)

    def call(self, inputs, training=None, mask=None):
        output = self.afm_layer(inputs)
        return output


def build_model():
    dense_cols = [{'feat': f'I{i}'} for i in range(13)]
    sparse_cols = [{'feat': f'C{i}', 'feat_onehot_dim': 7, 'embed_dim': 4} for i in range(3)]
    model = AFM((dense_cols, sparse_cols), mode='att')
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.random((4, 13)), rng.integers(0, 7, (4, 3))], axis=1).astype("float32")
    return model, x
