"""teras' Keras 3 `CategoricalEmbedding` makes one `Embedding` per categorical column in a plain Python list in `__init__`, with no `build()`, and records their column indices in a private list: all embeddings are tracked, built on first call and trained.

From KhawajaAbaid/teras (`teras/layers/categorical_embedding.py`, the backend-agnostic Keras 3 rewrite of the
tabular-models library, `keras.ops` only). `__init__(embedding_dim, cardinalities)` walks the per-column
cardinalities and, for each categorical column (`card > 0`), appends `keras.layers.Embedding(card + 1,
embedding_dim)` to `self.embedding_layers = []` and its column index to `self._categorical_idx`; numerical
columns are skipped. `call()` slices each categorical column, embeds it with its own layer and concatenates along
the feature axis. Looks like layers kept in a list that is filled after assignment (a classic LD011 worry) and
sublayers never built by the outer layer (LD005), but Keras 3 tracks the list (it is wrapped when assigned, and
appends go through the wrapper) and every `Embedding` builds on its first call.

Porting edits: `teras.api_export` decorator dropped; `get_config` left out (it is not used here). `build_model()`
builds `CategoricalEmbedding(embedding_dim=4, cardinalities=[3, 0, 5, 0, 2])` (three categorical columns, two
numerical) and returns it with a (6, 5) float batch whose categorical columns hold valid ids.
"""

SOURCE = "https://github.com/KhawajaAbaid/teras/blob/a9b42e19b95ed6bb54dfda231865b6653ef5b6ca/teras/layers/categorical_embedding.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbe_teras_categorical_embedding_per_feature_layers_in_list_keras3.py:
as returned: CategoricalEmbedding, count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:embedding', 'Embedding:embedding_1', 'Embedding:embedding_2']
after call: count_params() = 52, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import keras
from keras import ops


class CategoricalEmbedding(keras.layers.Layer):
    def __init__(self,
                 embedding_dim: int,
                 cardinalities: list,
                 **kwargs):
        super().__init__(**kwargs)
        self.embedding_dim = embedding_dim
        self.cardinalities = cardinalities
        self.embedding_layers = []
        self._categorical_idx = []
        for idx, card in enumerate(self.cardinalities):
            if card > 0:
                embedding = keras.layers.Embedding(
                    input_dim=card + 1,
                    output_dim=self.embedding_dim)
                self.embedding_layers.append(embedding)
                self._categorical_idx.append(idx)

    def call(self, inputs):
        idx = self._categorical_idx[0]
        feature = ops.expand_dims(inputs[:, idx], axis=1)
        categorical_embeddings = self.embedding_layers[0](feature)
        for feature_idx, embedding_layer in zip(self._categorical_idx[1:],
                                                self.embedding_layers[1:]):
            feature = ops.expand_dims(inputs[:, feature_idx], axis=1)
            f_e = embedding_layer(feature)
            categorical_embeddings = ops.concatenate(
                xs=[categorical_embeddings, f_e], axis=1)
        return categorical_embeddings

    def compute_output_shape(self, input_shape):
        return input_shape + (self.embedding_dim,)


def build_model():
    layer = CategoricalEmbedding(embedding_dim=4, cardinalities=[3, 0, 5, 0, 2])
    rng = np.random.default_rng(0)
    x = rng.random((6, 5)).astype("float32")
    x[:, 0] = rng.integers(0, 4, 6)
    x[:, 2] = rng.integers(0, 6, 6)
    x[:, 4] = rng.integers(0, 3, 6)
    return layer, x
