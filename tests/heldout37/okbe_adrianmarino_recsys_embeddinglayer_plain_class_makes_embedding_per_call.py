"""A plain-Python `EmbeddingLayer` helper (not a Keras layer) creates a new `Embedding` + `Reshape` every time it is called: a naive checker sees layers made in `__call__` and held by a non-Layer object, but it is a functional-model factory and every embedding is wired into the graph and trained.

From adrianmarino/recomendation-system-aproches (`src/model/embedding/embedding_layer.py`). `EmbeddingLayer` is a
plain class holding only hyper-parameters (`n_items`, `n_factors` with Jeremy Howard's `min(ceil(n/2), 50)`
rule, `l2_delta`, `initializer`, `name`); its `__call__(x)` builds `Embedding(...)(x)` and
`Reshape((n_factors,))` on a symbolic input and returns the output tensor. The repository uses it to build
matrix-factorisation/deep models in the functional API: user and item ids go through their own helper calls,
the embeddings are combined and a `Model(inputs, outputs)` is made. Each call creates fresh layers on purpose
(one per feature); they are reached from the model's outputs, so Keras 3 tracks, counts and trains them. Not
LD002 (no Layer `call()`), not LD011 (the helper keeps no layer; the functional graph owns them).

Porting edits: none to the class. `build_model()` wires it as the repository's models do: user and item
`Input(shape=(1,))`, one `EmbeddingLayer` each (plus a 1-factor bias embedding per side), a `Dot` and `Add`,
into a `Model`.
"""

SOURCE = "https://github.com/adrianmarino/recomendation-system-aproches/blob/598161fddb0a4b24ed18c4d9a2567f27f524241a/src/model/embedding/embedding_layer.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbe_adrianmarino_recsys_embeddinglayer_plain_class_makes_embedding_per_call.py:
as returned: Functional, count_params() = 110, 4 weights, unbuilt: none
after call: count_params() = 110, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
from keras.layers import Embedding, Reshape, Input, Dot, Add
from keras.models import Model
from keras.regularizers import l2


class EmbeddingLayer:
    def __init__(
            self,
            n_items,
            n_factors=None,
            n_min_factors=50,
            name='',
            l2_delta=1e-6,
            initializer='he_normal'
    ):
        self.n_items = n_items

        if n_factors:
            self.n_factors = n_factors
        else:
            # Jeremy Howard's rule of thumb: embedding size = min(50, number of categories/2)
            self.n_factors = min(np.ceil(n_items / 2), n_min_factors)

        self.l2_delta = l2_delta
        self.initializer = initializer
        self.name = name

    def __call__(self, x):
        x = Embedding(
            input_dim=self.n_items,
            output_dim=self.n_factors,
            embeddings_initializer=self.initializer,
            embeddings_regularizer=l2(self.l2_delta),
            name=self.name
        )(x)
        return Reshape(target_shape=(self.n_factors,), name=f'{self.name}_3_to_2_dim')(x)


def build_model():
    n_users, n_items, n_factors = 10, 12, 4
    user = Input(shape=(1,), name="user")
    item = Input(shape=(1,), name="item")
    u = EmbeddingLayer(n_users, n_factors, name="user_emb")(user)
    ub = EmbeddingLayer(n_users, 1, name="user_bias")(user)
    m = EmbeddingLayer(n_items, n_factors, name="item_emb")(item)
    mb = EmbeddingLayer(n_items, 1, name="item_bias")(item)
    x = Dot(axes=1)([u, m])
    x = Add()([x, ub, mb])
    model = Model(inputs=[user, item], outputs=x)
    rng = np.random.default_rng(0)
    inputs = [rng.integers(0, n_users, (4, 1)), rng.integers(0, n_items, (4, 1))]
    return model, inputs
