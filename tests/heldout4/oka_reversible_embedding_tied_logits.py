"""Correct: a tiny language model whose `ReversibleEmbedding` is called forward on tokens and `reverse=True` for logits.

keras-hub's `ReversibleEmbedding` (the PR adding `tie_weights`) projects hidden states back to the
vocabulary with the transpose of its own `embeddings` when `tie_weights=True`, read inside
`call()`. One layer instance is called twice with different inputs and modes: it looks like a
shared layer reused on an incompatible shape, or a kernel transpose taken at wiring time, but the
transpose is taken on every call and the one embedding matrix gets gradients from both ends.
"""

SOURCE = "https://github.com/keras-team/keras-hub/pull/1201"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_reversible_embedding_tied_logits.py:
as returned: Functional, count_params() = 488, 5 weights, unbuilt: none
after call: count_params() = 488, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
import keras_hub
from keras import layers

VOCAB, DIM, SEQ = 50, 8, 6


def build_model():
    token_ids = keras.Input(shape=(SEQ,), dtype="int32")
    embedding = keras_hub.layers.ReversibleEmbedding(VOCAB, DIM, tie_weights=True)
    hidden = embedding(token_ids)
    hidden = layers.Dense(DIM, activation="gelu")(hidden)
    hidden = layers.LayerNormalization()(hidden)
    logits = embedding(hidden, reverse=True)
    return keras.Model(token_ids, logits)
