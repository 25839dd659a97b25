"""A DIN-style model calls its attention-pooling layer from inside a `Lambda`, so the unit's kernel is not tracked.

The DSIN report (`train_din.py`) printed "The following Variables were used a Lambda layer's call
(lambda), but are not present in its tracked objects: local_activation_unit/kernel, bias" before
failing. The attention layer is created once while wiring and only ever reached through the
Lambda's function. A small version of the recommender model with a local activation unit.
"""

SOURCE = "https://github.com/shenweichen/DSIN/issues/21"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py a_lambda_din_attention_unit_called_inside.py:
as returned: Functional, count_params() = 313, 3 weights, unbuilt: none
after call: count_params() = 313, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 4 variables the model does not track: ['lambda/kernel:0', 'lambda/bias:0', 'lambda/kernel:0', 'lambda/bias:0']
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class LocalActivationUnit(keras.layers.Layer):
    """Scores each behaviour key against the query (the DIN activation unit)."""

    def __init__(self, hidden=8, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(hidden, activation="sigmoid")
        self.score = keras.layers.Dense(1)

    def call(self, inputs):
        query, keys = inputs
        query = ops.repeat(ops.expand_dims(query, 1), ops.shape(keys)[1], axis=1)
        features = ops.concatenate([query, keys, query - keys, query * keys], axis=-1)
        return self.score(self.hidden(features))


def build_model(vocab=50, dim=6, history=5):
    item = keras.Input((1,), dtype="int32")
    behaviours = keras.Input((history,), dtype="int32")
    embed = keras.layers.Embedding(vocab, dim)
    query_emb = keras.layers.Flatten()(embed(item))
    keys_emb = embed(behaviours)

    attention = LocalActivationUnit(name="local_activation_unit")

    def attention_pooling(tensors):
        query, keys = tensors
        weights = ops.softmax(attention([query, keys]), axis=1)
        return ops.sum(weights * keys, axis=1)

    pooled = keras.layers.Lambda(attention_pooling)([query_emb, keys_emb])
    merged = keras.layers.Concatenate()([query_emb, pooled])
    out = keras.layers.Dense(1, activation="sigmoid")(merged)
    return keras.Model([item, behaviours], out)
