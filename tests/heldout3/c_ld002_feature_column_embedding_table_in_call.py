"""A subclassed model builds its categorical-feature embedding table as a `tf.Variable` inside `call()`.

The report ported a feature-column model to TF 2.20 (Keras 3): the embedding for a categorical
feature is created when the model is called, so every call makes a fresh random table, the model
never tracks it and `jit_compile`/`tf.function` refuses to create variables on a later trace.
Rewritten without feature columns: the vocabulary lookup is done by hand and the table is a
`tf.Variable` made in `call()`.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/105654"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld002_feature_column_embedding_table_in_call.py:
as returned: CategoryModel, count_params() = 9, 2 weights, unbuilt: none
after call: count_params() = 9, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['category_model/feature_0_embedding:0']
second call: 1 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf


class CategoryModel(keras.Model):
    def __init__(self, vocabulary, dim=8, **kwargs):
        super().__init__(**kwargs)
        self.vocabulary = list(vocabulary)
        self.dim = dim
        self.head = keras.layers.Dense(1)

    def call(self, ids):
        table = tf.Variable(tf.random.normal((len(self.vocabulary), self.dim)), name="feature_0_embedding")
        vectors = tf.nn.embedding_lookup(table, ids)
        return self.head(tf.reduce_mean(vectors, axis=1))


def build_model():
    model = CategoryModel(["a", "b", "c"])
    ids = np.array([[0, 1, 2], [2, 2, 1]], dtype="int32")
    model(ids)
    return model, ids
