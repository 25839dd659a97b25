"""One Embedding shared by two branches; the second branch blocks back-propagation into it with stop_gradient.

The reporter used a single embedding layer as input to two sub-networks joined by a
concatenate, and wanted back-propagation to stop "in network 2 just before it passes through
the embedding layer (again)" while network 1 keeps training it -- `trainable=False` is per
layer, so it cannot do that.  Written here the way that works on Keras 3: the shared embedding
output goes through a stop_gradient Lambda on branch 2 only.  The shared layer is counted once
and still trained through branch 1.
"""

SOURCE = "https://github.com/keras-team/keras/issues/8259"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oky_shared_embedding_frozen_in_one_branch.py:
as returned: Functional, count_params() = 1441, 10 weights, unbuilt: none
after call: count_params() = 1441, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
The shared embedding's 50*8 = 400 params are counted once (1441 total = 400 + Conv1D 400 + LSTM 544 + Dense 72 + out 25), and it gets a non-None gradient through branch 1; the stop_gradient only cuts branch 2, as intended."""

import keras
from keras import layers, ops

VOCAB = 50
EMB_DIM = 8
MAXLEN = 6


def network_1(x):
    x = layers.Conv1D(16, 3, padding="same", activation="relu", name="net1_conv")(x)
    return layers.GlobalMaxPooling1D(name="net1_pool")(x)


def network_2(x):
    x = layers.LSTM(8, name="net2_lstm")(x)
    return layers.Dense(8, activation="relu", name="net2_dense")(x)


def build_model():
    tokens = keras.Input(shape=(MAXLEN,), dtype="int32", name="tokens")
    shared_embedding = layers.Embedding(VOCAB, EMB_DIM, name="shared_embedding")

    emb_1 = shared_embedding(tokens)
    emb_2 = shared_embedding(tokens)
    # network 2 must not update the embedding: cut the gradient on this path only
    emb_2 = layers.Lambda(lambda t: ops.stop_gradient(t), name="freeze_for_net2")(emb_2)

    merged = layers.Concatenate(name="merge")([network_1(emb_1), network_2(emb_2)])
    out = layers.Dense(1, activation="sigmoid", name="out")(merged)
    return keras.Model(tokens, out)
