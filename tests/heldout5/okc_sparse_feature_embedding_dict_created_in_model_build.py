"""A subclassed embedding model creates one `Embedding` per sparse feature, in a dict, inside `build()`.

The repository's recommendation models share an `Embeds(Model)` block: `build()` creates
`self.embed_layers = {name: Embedding(...)}` from a list of feature descriptions, and `call()`
looks each feature column up in its own embedding and stacks the results. Sublayers made in a
model's `build()` and held in a dict look like the untracked-container and state-in-the-wrong-place
bugs, but Keras 3 tracks layers assigned in `build()` and inside dicts: every embedding table is a
weight of the model and gets a gradient.
"""

SOURCE = "https://github.com/jiafeiwang/auto-renewal-tf2/blob/master/python/models/base/Embeddings.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py okc_sparse_feature_embedding_dict_created_in_model_build.py:
as returned: WideEmbedModel, count_params() = 417, 7 weights, unbuilt: none
after call: count_params() = 417, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'embeds': 192}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from keras.layers import Dense, Embedding
from keras.models import Model


class Embeds(Model):
    def __init__(self, sparse_feature_info, is_concat=False):
        super(Embeds, self).__init__()
        self.sparse_feature_info = sparse_feature_info
        self.is_concat = is_concat

    def build(self, input_shape):
        self.embed_layers = {sfeat["name"]: Embedding(sfeat["onehot_dims"], sfeat["embed_dims"])
                             for sfeat in self.sparse_feature_info}

    def call(self, inputs, training=None, mask=None):
        embed_x = [self.embed_layers[sfeat["name"]](inputs[:, sfeat["idx"]]) for sfeat in
                   self.sparse_feature_info]
        embed_x = tf.convert_to_tensor(embed_x)
        output = tf.transpose(embed_x, [1, 0, 2])  # output [None, f, k]
        if self.is_concat:
            output = tf.reshape(output, [-1, output.shape[1] * output.shape[2]])
        return output


class WideEmbedModel(Model):
    def __init__(self, sparse_feature_info):
        super().__init__()
        self.embeds = Embeds(sparse_feature_info, is_concat=True)
        self.hidden = Dense(16, activation="relu")
        self.out = Dense(1, activation="sigmoid")

    def call(self, inputs, training=None):
        return self.out(self.hidden(self.embeds(inputs)))


SPARSE_FEATURES = [
    {"name": "channel", "idx": 0, "onehot_dims": 6, "embed_dims": 4},
    {"name": "plan", "idx": 1, "onehot_dims": 12, "embed_dims": 4},
    {"name": "region", "idx": 2, "onehot_dims": 30, "embed_dims": 4},
]


def build_model():
    model = WideEmbedModel(SPARSE_FEATURES)
    rng = np.random.default_rng(0)
    x = np.stack([rng.integers(0, f["onehot_dims"], size=8) for f in SPARSE_FEATURES], axis=1).astype("int32")
    model(x)
    return model, x
