"""TabTransformerTF's `NEmbedding` (the numerical-feature embedding of its FT-Transformer): with the
default `emb_type='linear'` the per-feature weights and biases are `tf.Variable`s set on a subclassed
`tf.keras.Model` in `__init__`. Keras 3 does not track them: the embedding has 0 parameters, is not
in `model.trainable_weights`, and `fit` never updates it.

In tf.keras 2 the two variables were tracked by the Model and trained. Under Keras 3 the layer
still runs (the einsum reads the variables, so the output looks right) but the linear embeddings
stay at their random initial values; the summary counts only the head. The same file's `Periodic`
layer and the encoder's CLS token are made the same way.

Porting edits: `tf.keras.Model` -> `keras.Model`; the 'ple' and 'periodic' branches and the
sklearn import left out; the FT-Transformer around it reduced to Flatten + Dense(1) over three
numerical columns; `X` is not used by the linear branch and is passed as in the repository.
"""

SOURCE = "https://github.com/aruberts/TabTransformerTF/blob/f6b97e78bb80353bd4634c7d9f19bddcdaabe8fc/tabtransformertf/models/embeddings.py#L94"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/x_tabtransformertf_nembedding_linear_weights_tf_variables.py:
as returned: Functional, count_params() = 25, 2 weights, unbuilt: none
after call: count_params() = 25, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'n_embedding': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17b/nemb.py): NEmbedding weights: 0, count_params: 0; model.trainable_weights = ['dense/kernel',
'dense/bias'] only; after compile + fit 3 epochs linear_w changed: False. No warning."""

import numpy as np
import tensorflow as tf
import keras


class NEmbedding(keras.Model):
    def __init__(
        self,
        feature_names: list,
        X: np.array,
        y: np.array = None,
        task: str = None,
        emb_dim: int = 32,
        emb_type: str = 'linear',
        n_bins: int = 10,
        sigma: float = 1,
        tree_params={},
    ):
        super(NEmbedding, self).__init__()

        if emb_type not in ['linear']:
            raise ValueError("This emb_type is not supported")

        self.num_features = len(feature_names)
        self.features = feature_names
        self.emb_type = emb_type
        self.emb_dim = emb_dim

        # Initialise linear layer
        w_init = tf.random_normal_initializer()
        self.linear_w = tf.Variable(
            initial_value=w_init(
                shape=(self.num_features, 1, self.emb_dim), dtype='float32'  # features, n_bins, emb_dim
            ), trainable=True)
        self.linear_b = tf.Variable(
            w_init(
                shape=(self.num_features, 1), dtype='float32'  # features, n_bins, emb_dim
            ), trainable=True)

    def call(self, x):
        embs = tf.einsum('f n e, b f -> bfe', self.linear_w, x)
        embs = tf.nn.relu(embs + self.linear_b)
        return embs


def build_model():
    features = ["age", "income", "hours"]
    X = np.random.default_rng(0).random((16, 3)).astype("float32")
    inputs = keras.Input(shape=(len(features),))
    embs = NEmbedding(feature_names=features, X=X, emb_dim=8)(inputs)
    outputs = keras.layers.Dense(1)(keras.layers.Flatten()(embs))
    return keras.Model(inputs, outputs)
