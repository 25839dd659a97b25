"""Restaurant recommender (matrix factorisation with biases): a plain Python `EmbeddingLayer` object creates a new Embedding + Reshape on every call, and a Lambda closes over the rating range.

From a restaurant-recommendation project (Recommendation_Model.py). `EmbeddingLayer` is not a Keras
layer: its `__call__` instantiates `Embedding(n_items, n_factors, ...)` and `Reshape` and applies them to
the symbolic input, so `RecommenderModel` gets four independent embedding tables (user factors, user
bias, item factors, item bias) out of four factory objects. The output is rescaled by
`Lambda(lambda x: x * (max_rating - min_rating) + min_rating)`, which captures two Python floats. Layers
made per call by a plain object and a Lambda closure look like the LD002/LD011/LD012 traps; in a
functional model they are wired into the graph, so on Keras 3 every table is tracked and trained and
the Lambda captures no state.
Ported to Keras 3: `keras.layers.embeddings.Embedding` is `keras.layers.Embedding`, and
`Adam(lr=0.001)` is `Adam(learning_rate=0.001)`; otherwise as written.
"""

SOURCE = "https://github.com/klaudiaanowak/RestaurantsRecommendations/blob/00b07446299ae766a9651757334a1145f2e285cc/Recommendation_Model.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okg_restaurant_recommender_embedding_factory_object.py:
as returned: Functional, count_params() = 300, 4 weights, unbuilt: none
after call: count_params() = 300, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
300 = 20*5 + 20*1 + 30*5 + 30*1: the four factory-made tables. Own script (/tmp/mine14c/rec_fit.py): one fit step
changed 4 of 4 trainable weights; the Lambda has 0 weights (it captures only the two floats)."""

import numpy as np
from keras.models import Model
from keras.layers import Input, Reshape, Dot
from keras.layers import Embedding
from keras.optimizers import Adam
from keras.regularizers import l2
from keras.layers import Add, Activation, Lambda


class EmbeddingLayer:
    def __init__(self, n_items, n_factors):
        self.n_items = n_items
        self.n_factors = n_factors

    def __call__(self, x):
        x = Embedding(self.n_items, self.n_factors, embeddings_initializer='he_normal',
                      embeddings_regularizer=l2(1e-6))(x)
        x = Reshape((self.n_factors,))(x)
        return x


def RecommenderModel(n_users, n_items, n_factors, min_rating, max_rating):
    user = Input(shape=(1,))
    u = EmbeddingLayer(n_users, n_factors)(user)
    ub = EmbeddingLayer(n_users, 1)(user)

    items = Input(shape=(1,))
    m = EmbeddingLayer(n_items, n_factors)(items)
    mb = EmbeddingLayer(n_items, 1)(items)
    x = Dot(axes=1)([u, m])
    x = Add()([x, ub, mb])
    x = Activation('sigmoid')(x)
    x = Lambda(lambda x: x * (max_rating - min_rating) + min_rating)(x)
    model = Model(inputs=[user, items], outputs=x)
    opt = Adam(learning_rate=0.001)
    model.compile(loss='mean_squared_error', optimizer=opt)
    return model


def build_model():
    model = RecommenderModel(n_users=20, n_items=30, n_factors=5, min_rating=1.0, max_rating=5.0)
    rng = np.random.default_rng(0)
    return model, [rng.integers(0, 20, size=(2, 1)).astype("int32"), rng.integers(0, 30, size=(2, 1)).astype("int32")]
