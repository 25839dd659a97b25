"""Ranking model builds per-feature embedding Sequentials and adapted Normalization layers in dicts.

tensorflow/recommenders issue #427 ("Question about DCN"): the user's model keeps
`self._embeddings = {}` and `self._normalized = {}` and fills them in `__init__` in loops over
feature names -- a `tf.keras.Sequential([Discretization(buckets), Embedding(...)])` per numeric
feature (bucket boundaries from `np.linspace` over the data) and a `Normalization(axis=None)`
that is `.adapt()`-ed on the spot. Layers stored in dicts, built from data in the constructor,
adapt() running before the model is ever called: on Keras 3 all of it is tracked and counted.
"""

SOURCE = "https://github.com/tensorflow/recommenders/issues/427"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okw_tfrs_feature_dicts_adapted_in_init.py:
as returned: UserModel, count_params() = 654, 11 weights, unbuilt: none
after call: count_params() = 654, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
check: 654 = embeddings 40 + 88 + 88, Dense 26x16+16 = 432, and 6 non-trainable Normalization
statistics (mean, variance, count for each of the two adapted features)."""

import numpy as np
import tensorflow as tf


class UserModel(tf.keras.Model):
    def __init__(self, str_features, int_features, discretized, embedding_dimension=8):
        super().__init__()
        self._str_features = str_features
        self._int_features = int_features
        self._discretized = discretized
        self.embedding_dimension = embedding_dimension
        self._embeddings = {}
        self._normalized = {}

        for feature_name, vocabulary in str_features.items():
            self._embeddings[feature_name] = tf.keras.Sequential(
                [
                    tf.keras.layers.StringLookup(vocabulary=vocabulary, mask_token=None),
                    tf.keras.layers.Embedding(len(vocabulary) + 1, self.embedding_dimension),
                ]
            )

        for feature_name in int_features:
            # reduce: apply a function passed in its argument to all of the list elements
            max = self._discretized[feature_name].max()
            min = self._discretized[feature_name].min()
            buckets = np.linspace(min, max, num=10)

            self._embeddings[feature_name] = tf.keras.Sequential(
                [
                    # Given the bucket boundaries we can transform timestamps into embeddings
                    tf.keras.layers.Discretization(buckets.tolist()),
                    tf.keras.layers.Embedding(len(buckets) + 1, self.embedding_dimension),
                ]
            )
            # rescales features to normalize their range
            self._normalized[feature_name] = tf.keras.layers.Normalization(axis=None)
            # fit and transform
            self._normalized[feature_name].adapt(self._discretized[feature_name])

        self._dense = tf.keras.layers.Dense(16, activation="relu")

    def call(self, features):
        embeddings = []
        for feature_name in self._str_features:
            embedding_st = self._embeddings[feature_name]  # embedding layer of the feature
            embeddings.append(embedding_st(features[feature_name]))
        for feature_name in self._int_features:
            embedding_fn = self._embeddings[feature_name]
            embeddings.append(embedding_fn(features[feature_name]))
            normalized = self._normalized[feature_name](features[feature_name])
            embeddings.append(tf.reshape(normalized, (-1, 1)))
        x = tf.concat(embeddings, axis=1)
        return self._dense(x)


def build_model():
    rng = np.random.default_rng(0)
    str_features = {"user_occupation_text": ["doctor", "artist", "student", "other"]}
    int_features = ["timestamp", "user_age"]
    discretized = {
        "timestamp": rng.uniform(8.7e8, 8.9e8, size=200).astype("float32"),
        "user_age": rng.integers(18, 70, size=200).astype("float32"),
    }
    model = UserModel(str_features, int_features, discretized)
    features = {
        "user_occupation_text": np.array(["doctor", "student", "pilot"]),
        "timestamp": discretized["timestamp"][:3],
        "user_age": discretized["user_age"][:3],
    }
    model(features)
    return model, features
