"""A text CNN loads a pretrained embedding matrix (a NumPy array) into a frozen `Embedding` layer.

The report follows the Keras example on pretrained word embeddings: an `embedding_matrix` NumPy
array is built from GloVe vectors, `Embedding(num_tokens, embedding_dim, trainable=False)` is
built by hand and `set_weights([embedding_matrix])` copies the array in, then a 1D-convnet
classifier is stacked on top. Early Keras 3 releases still counted the frozen table under
"Trainable params", which made it look as if the array had become trainable state (or, to a
linter, as if a NumPy array were handed to a layer instead of a weight). On Keras 3.15 the matrix
lives in a non-trainable weight of the embedding layer: counted, saved, and left out of the
trainable weights, as intended. (The gradient tape still watches the table, because the underlying
`tf.Variable` of a layer frozen after creation keeps `trainable=True` at the TensorFlow level; the
model lists it in `non_trainable_weights`, so nothing is lost and the optimizer never updates it.)
"""

SOURCE = "https://github.com/keras-team/keras/issues/19398"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py okc_frozen_pretrained_embedding_matrix_set_after_build.py:
as returned: Functional, count_params() = 12165, 9 weights, unbuilt: none
after call: count_params() = 12165, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 1 variables the model does not track: ['embedding/embeddings:0']
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import layers

num_tokens = 200
embedding_dim = 16
num_classes = 5


def load_embedding_matrix(voc_size, dim):
    """Stands in for reading GloVe vectors: words not in the file stay all-zeros."""
    rng = np.random.default_rng(0)
    embedding_matrix = np.zeros((voc_size, dim))
    hits = rng.choice(voc_size, size=voc_size // 2, replace=False)
    embedding_matrix[hits] = rng.normal(size=(len(hits), dim))
    return embedding_matrix


def build_model():
    embedding_matrix = load_embedding_matrix(num_tokens, embedding_dim)
    embedding_layer = layers.Embedding(num_tokens, embedding_dim, trainable=False)
    embedding_layer.build((1,))
    embedding_layer.set_weights([embedding_matrix])

    int_sequences_input = keras.Input(shape=(40,), dtype="int32")
    embedded_sequences = embedding_layer(int_sequences_input)
    x = layers.Conv1D(32, 5, activation="relu")(embedded_sequences)
    x = layers.MaxPooling1D(3)(x)
    x = layers.Conv1D(32, 5, activation="relu")(x)
    x = layers.GlobalMaxPooling1D()(x)
    x = layers.Dense(32, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    preds = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(int_sequences_input, preds)
