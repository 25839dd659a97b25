"""DCN ranking model stacks TFRS-style `Cross` layers by appending them to a list in `__init__`.

tensorflow/recommenders issue #554 ("Ambiguous DCN layer"): the user wants several Cross layers
fed with the embedding concatenation `x0` and the previous output, and writes
`self.cross_layers = []` followed by `self.cross_layers.append(Cross(...))` in a loop, next to a
dict of per-feature embedding layers. Each Cross layer creates its Dense projection lazily in its
own `build()`. Appending to a list attribute after assigning it empty is the pattern tf.keras 1.x
failed to track; on Keras 3 the list and the dict are tracked containers and all weights count.
"""

SOURCE = "https://github.com/tensorflow/recommenders/issues/554"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okw_tfrs_stacked_cross_layers_list.py:
as returned: DCN, count_params() = 2497, 18 weights, unbuilt: none
after call: count_params() = 2497, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cross_0': 216, 'cross_1': 216, 'cross_2': 216}
second call: 0 variables watched that the first call did not use
check: 2497 = embeddings 504 (21+31+11 rows x 8) + 3 x 216 cross + 800 + 528 deep + 17 logit."""

import numpy as np
import tensorflow as tf


class Cross(tf.keras.layers.Layer):
    """Cross layer in the tfrs.layers.dcn.Cross shape: x0 * (W x + b) + x."""

    def __init__(self, projection_dim=None, kernel_initializer="truncated_normal", **kwargs):
        super().__init__(**kwargs)
        self._projection_dim = projection_dim
        self._kernel_initializer = tf.keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        last_dim = input_shape[-1]
        if self._projection_dim is None:
            self._dense = tf.keras.layers.Dense(
                last_dim, kernel_initializer=self._kernel_initializer, use_bias=True
            )
        else:
            self._dense_u = tf.keras.layers.Dense(
                self._projection_dim, kernel_initializer=self._kernel_initializer, use_bias=False
            )
            self._dense_v = tf.keras.layers.Dense(
                last_dim, kernel_initializer=self._kernel_initializer, use_bias=True
            )
        self.built = True

    def call(self, x0, x=None):
        if x is None:
            x = x0
        if self._projection_dim is None:
            prod_output = self._dense(x)
        else:
            prod_output = self._dense_v(self._dense_u(x))
        return x0 * prod_output + x

    def get_config(self):
        config = {"projection_dim": self._projection_dim}
        return {**super().get_config(), **config}


class DCN(tf.keras.Model):
    def __init__(self, vocabularies, embedding_dimension=8, n_cross_layers=3, projection_dim=4,
                 deep_layer_sizes=(32, 16)):
        super().__init__()
        self._feature_names = list(vocabularies)
        self._embeddings = {}
        for feature_name, vocab_size in vocabularies.items():
            self._embeddings[feature_name] = tf.keras.layers.Embedding(
                vocab_size + 1, embedding_dimension, name=f"{feature_name}_emb"
            )

        self.cross_layers = []
        for i in range(n_cross_layers):
            self.cross_layers.append(
                Cross(projection_dim=projection_dim, kernel_initializer="glorot_uniform",
                      name=f"cross_{i}")
            )

        self._deep_layers = [tf.keras.layers.Dense(size, activation="relu")
                             for size in deep_layer_sizes]
        self._logit_layer = tf.keras.layers.Dense(1)

    def call(self, features):
        embeddings = [self._embeddings[name](features[name]) for name in self._feature_names]
        x0 = tf.concat(embeddings, axis=1)
        x = x0
        for cross_layer in self.cross_layers:
            x = cross_layer(x0, x)
        for deep_layer in self._deep_layers:
            x = deep_layer(x)
        return self._logit_layer(x)


def build_model():
    vocabularies = {"user_id": 20, "movie_id": 30, "user_zip_code": 10}
    model = DCN(vocabularies)
    rng = np.random.default_rng(0)
    features = {name: rng.integers(0, size, size=(4,)) for name, size in vocabularies.items()}
    model(features)
    return model, features
