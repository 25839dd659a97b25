"""pass Culture's two-tower `MatchModel` takes its user and item towers from the caller and applies one `Flatten` to both branches: layers built outside the model and a reused layer look like untracked/shared state, but Keras 3 tracks both towers and trains them.

From pass-culture/data-gcp (`algo_training/match_model.py`, the retrieval model of the French Culture Pass
recommender, tf.keras 2). `MatchModel(Model).__init__(user_layer, item_layer)` only stores the two layers it is
given (`# Reuse shared weights for those layers`), a `Flatten()` and a `Dot(axes=1, normalize=True)`; `call()`
embeds the user and the positive item with their towers, flattens both with the same `self.flatten`, and returns
the cosine similarity. The towers are made by the training script (an `Embedding` per side, typically inside a
`Sequential` with a `StringLookup`) and passed in; the same tower objects are reused by the triplet-loss
training model, which is why they are made outside. Assigning them to `self.user_layer`/`self.item_layer` tracks
them (not LD011: they are attributes of the model, not of a plain container), and the reused `Flatten` has no
weights (LD007 at most, as info).

Porting edits: none to the class. `build_model()` makes the towers as the training script does, minus the
string lookup (integer ids): `Sequential([Embedding(n_users, 8)])` and `Sequential([Embedding(n_items, 8)])`,
passes them to `MatchModel`, and returns it with a batch of (user id, item id) pairs.
"""

SOURCE = "https://github.com/pass-culture/data-gcp/blob/2f929fc9f2e5ce822ece11c01bb8ec01d455b51b/algo_training/match_model.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbe_passculture_matchmodel_towers_passed_in_flatten_reused.py:
as returned: MatchModel, count_params() raised ValueError, 0 weights, unbuilt: ['Sequential:sequential', 'Embedding:embedding', 'Sequential:sequential_1', 'Embedding:embedding_1', 'Flatten:flatten', 'Dot:dot']
after call: count_params() = 200, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.models import Model
from tensorflow.keras.layers import Embedding, Flatten
from tensorflow.keras.layers import Dot


class MatchModel(Model):
    def __init__(self, user_layer, item_layer):
        super().__init__(name="MatchModel")

        # Reuse shared weights for those layers:
        self.user_layer = user_layer
        self.item_layer = item_layer

        self.flatten = Flatten()
        self.dot = Dot(axes=1, normalize=True)

    def call(self, inputs):
        user_input = inputs[0]
        pos_item_input = inputs[1]

        user_embedding = self.user_layer(user_input)
        user_embedding = self.flatten(user_embedding)

        pos_item_embedding = self.item_layer(pos_item_input)
        pos_item_embedding = self.flatten(pos_item_embedding)

        pos_similarity = self.dot([user_embedding, pos_item_embedding])

        return pos_similarity


def build_model():
    n_users, n_items = 10, 15
    user_layer = tf.keras.Sequential([Embedding(n_users, 8)])
    item_layer = tf.keras.Sequential([Embedding(n_items, 8)])
    model = MatchModel(user_layer, item_layer)
    rng = np.random.default_rng(0)
    inputs = [rng.integers(0, n_users, (4, 1)), rng.integers(0, n_items, (4, 1))]
    return model, inputs
