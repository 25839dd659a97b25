"""TabTransformerTF's `CEmbedding`: a subclassed Model that keeps one `StringLookup` and one
`Embedding` per categorical column in two plain dicts keyed by the column name, filled in a loop in
`__init__` and read through a helper method (`embed_column`). Correct on Keras 3: attribute dicts
of layers are tracked, the embeddings are built by their first call and all of them train.

Why it looks suspicious: layers live in `{}` containers keyed by feature name (the untracked
container shape of tf.keras 1 and of plain Python objects), they are never touched by `build()`,
and `call()` reaches them only through a helper with a string key. Keras 3 wraps dict attributes
of a layer in a tracked dict, so `model.weights` lists the three embedding tables (the lookups
have no weights), `summary()` counts them and `fit` updates them.

Porting edits: `tf.keras.layers.*` -> `keras.layers.*`, the class body otherwise as written
(including `tf.stack`); a tiny 3-column table of strings replaces the user's DataFrame; the
FT-Transformer around it reduced to Flatten + Dense(1) on the stacked embeddings.
"""

SOURCE = "https://github.com/aruberts/TabTransformerTF/blob/f6b97e78bb80353bd4634c7d9f19bddcdaabe8fc/tabtransformertf/models/embeddings.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okx_tabtransformertf_cembedding_lookup_and_embedding_dicts_by_column.py:
as returned: Functional, count_params() = 129, 5 weights, unbuilt: none
after call: count_params() = 129, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'c_embedding': 104}
second call: 0 variables watched that the first call did not use
(104 = three embedding tables of 8-d rows: colour 4x8, size 4x8, region 5x8, OOV row included.) Own script
(/tmp/mine17b/fitcheck.py, string batch as a tf.constant): fit 2 steps: 5/5 trainable weights changed."""

import numpy as np
import tensorflow as tf
import keras


class CEmbedding(keras.Model):
    def __init__(
        self,
        feature_names: list,
        X: np.array,
        emb_dim: int = 32,
    ):
        super(CEmbedding, self).__init__()
        self.features = feature_names
        self.emb_dim = emb_dim

        self.category_prep_layers = {}
        self.emb_layers = {}
        for i, c in enumerate(self.features):
            lookup = keras.layers.StringLookup(vocabulary=list(np.unique(X[:, i])))
            emb = keras.layers.Embedding(input_dim=lookup.vocabulary_size(), output_dim=self.emb_dim)

            self.category_prep_layers[c] = lookup
            self.emb_layers[c] = emb

    def embed_column(self, f, data):
        return self.emb_layers[f](self.category_prep_layers[f](data))

    def call(self, x):
        emb_columns = []
        for i, f in enumerate(self.features):
            emb_columns.append(self.embed_column(f, x[:, i]))

        embs = tf.stack(emb_columns, axis=1)
        return embs


def _table():
    return np.array([
        ["red", "small", "north"],
        ["blue", "large", "south"],
        ["green", "small", "east"],
        ["red", "medium", "west"],
    ], dtype=object)


def build_model():
    X = _table()
    features = ["colour", "size", "region"]
    inputs = keras.Input(shape=(len(features),), dtype="string")
    embs = CEmbedding(feature_names=features, X=X, emb_dim=8)(inputs)
    outputs = keras.layers.Dense(1)(keras.layers.Flatten()(embs))
    model = keras.Model(inputs, outputs)
    return model, X.astype(str)
