"""Correct: an `Embedding` fed an `int32` token input trains normally (a Keras 2 report said integer inputs silently broke training).

The report claimed the Embedding input "should be floats": with an integer matrix as input, training
"does not work right, without ever giving an error". A Keras 3 text classifier with an explicit
`int32` Input -> Embedding -> pooling -> Dense trains every weight: integer token ids are the expected
input of a lookup, and only the ids (not any weight) lack a gradient.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12914"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_embedding_int32_token_input_trains.py:
as returned: Functional, count_params() = 961, 5 weights, unbuilt: none
after call: count_params() = 961, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model():
    tokens = keras.Input((12,), dtype="int32")
    embedded = layers.Embedding(input_dim=100, output_dim=8)(tokens)
    pooled = layers.GlobalAveragePooling1D()(embedded)
    hidden = layers.Dense(16, activation="relu")(pooled)
    return keras.Model(tokens, layers.Dense(1, activation="sigmoid")(hidden))
