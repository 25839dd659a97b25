"""Correct: one `Embedding` layer shared by two integer text inputs, as in the functional-API guide's shared-layers section.

The guide shows `shared_embedding = layers.Embedding(1000, 128)` applied to two variable-length
token inputs so both texts are encoded with the same vectors. Sharing is the intent; the weights
are counted once and get gradients from both paths.
"""

SOURCE = "https://keras.io/guides/functional_api/"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_guide_shared_embedding_two_texts.py:
as returned: Functional, count_params() = 16033, 3 weights, unbuilt: none
after call: count_params() = 16033, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model():
    shared_embedding = layers.Embedding(1000, 16)
    text_input_a = keras.Input(shape=(None,), dtype="int32")
    text_input_b = keras.Input(shape=(None,), dtype="int32")
    encoded_a = layers.GlobalAveragePooling1D()(shared_embedding(text_input_a))
    encoded_b = layers.GlobalAveragePooling1D()(shared_embedding(text_input_b))
    merged = layers.concatenate([encoded_a, encoded_b])
    return keras.Model([text_input_a, text_input_b], layers.Dense(1, activation="sigmoid")(merged))
