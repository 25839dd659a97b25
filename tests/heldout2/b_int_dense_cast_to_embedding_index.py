"""A Dense branch is rescaled, cast to int and used as Embedding indices: the Dense gets no gradient.

The tf-keras report: `Dense(num_indices, "tanh") -> Rescaling(5, 5) -> Lambda(cast to int32, clip)
-> Embedding -> Flatten -> Dense`, next to a plain Dense branch; training warned "Gradients do not
exist" for the first Dense, and the suggested fix did not remove it.
"""

SOURCE = "https://github.com/keras-team/tf-keras/issues/826"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_int_dense_cast_to_embedding_index.py:
as returned: Functional, count_params() = 453, 11 weights, unbuilt: none
after call: count_params() = 453, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 11 trainable weights: ['dense/kernel', 'dense/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops

NUM_INDICES = 10


def build_model(p=5, embedding_dim=5):
    inputs = layers.Input(shape=(p,))
    branch = layers.Dense(NUM_INDICES, activation="tanh")(inputs)
    branch = layers.Rescaling(5, 5)(branch)
    branch = layers.Lambda(lambda x: ops.clip(ops.cast(x, "int32"), 0, NUM_INDICES - 1))(branch)
    branch = layers.Embedding(NUM_INDICES, embedding_dim)(branch)
    branch = layers.Flatten()(branch)
    branch = layers.Dense(3, activation="relu")(branch)

    dense = layers.Dense(20, activation="relu")(inputs)
    dense = layers.Dense(3, activation="relu")(dense)

    merged = layers.concatenate([dense, branch])
    return keras.Model(inputs, layers.Dense(1)(merged))
