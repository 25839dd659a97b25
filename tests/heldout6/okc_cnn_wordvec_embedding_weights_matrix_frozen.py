"""A CNN text classifier passes a GloVe-style matrix as `Embedding(..., weights=[embedding_matrix], trainable=False)`.

tensorflow/tensorflow#64252 (TF 2.16, the first Keras 3 release) reports
`model.add(Embedding(vocab_size, 100, weights=[embedding_matrix], trainable=False))` failing with
"Unrecognized keyword arguments passed to Embedding: {'weights': ...}". The NumPy matrix is an
array handed to a layer constructor and used as its weights, the pattern a linter associates with
untracked array state. On Keras 3.15 `Embedding` accepts `weights=` again: it builds the layer in
the constructor and copies the matrix into its (tracked, frozen) `embeddings` variable, so the
model counts the table as non-trainable parameters and trains only the convolution and the head.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/64252"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py okc_cnn_wordvec_embedding_weights_matrix_frozen.py:
as returned: Sequential, count_params() = 62129, 5 weights, unbuilt: none
after call: count_params() = 62129, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['embedding/embeddings:0']
second call: 0 variables watched that the first call did not use
extra check (python: [w.path for w in model.non_trainable_weights], sum of trainable sizes): ['embedding/embeddings'], 32129 trainable + 30000 non-trainable = 62129; the table holds the matrix rows (row 1 non-zero, rows 250+ zero). The variable the tape 'watched' is that frozen table: Keras keeps it (non-trainable) while the underlying tf.Variable stays watchable."""

import numpy as np
from keras.layers import Conv1D, Dense, Dropout, Embedding, GlobalMaxPooling1D, Input
from keras.models import Sequential

max_length = 40
vocab_size = 300
embedding_dim = 100


def load_word_vectors(words):
    # stands in for reading glove.6B.100d.txt line by line
    rng = np.random.default_rng(7)
    return {word: rng.normal(size=embedding_dim).astype("float32") for word in words}


def make_embedding_matrix(word_index, embeddings_index):
    embedding_matrix = np.zeros((vocab_size, embedding_dim))
    for word, i in word_index.items():
        if i >= vocab_size:
            continue
        embedding_vector = embeddings_index.get(word)
        if embedding_vector is not None:
            embedding_matrix[i] = embedding_vector
    return embedding_matrix


def build_model():
    word_index = {f"w{i}": i for i in range(1, 250)}
    embeddings_index = load_word_vectors([f"w{i}" for i in range(1, 200)])
    embedding_matrix = make_embedding_matrix(word_index, embeddings_index)

    model = Sequential()
    model.add(Input(shape=(max_length,)))
    model.add(Embedding(vocab_size, 100, weights=[embedding_matrix], trainable=False))
    model.add(Conv1D(64, 5, activation="relu"))
    model.add(GlobalMaxPooling1D())
    model.add(Dropout(0.3))
    model.add(Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
