"""One `Embedding` instance (and one encoder tower) applied to two document inputs of the same shape.

The Q&A answer on applying "a shared Embedding layer across multiple documents" defines a single
`Embedding(vocab_size, 128)` and calls it on `doc1_input` and `doc2_input`, then asks whether to
extend it "with a downstream network". The author here does that: a small helper builds a shared
Conv1D + pooling tower, both documents go through the same embedding and tower, and a cosine
similarity head compares them. Calling one layer twice looks like a duplicated/unbuilt layer, but
the weights are shared and counted once, which is what a dual encoder wants.
"""

SOURCE = "https://errorhandle.ai/acquiretokensilent-is-failing-to-acquire-token-silently"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okf_errorhandle_shared_embedding_two_docs.py:
as returned: Functional, count_params() = 1323104, 5 weights, unbuilt: none
after call: count_params() = 1323104, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
"""

import tensorflow as tf
from tensorflow.keras.layers import Embedding, Input, Conv1D, GlobalMaxPooling1D, Dense, Dot
from tensorflow.keras.models import Model, Sequential

vocab_size = 10000
embedding_dim = 128
max_length = 100


def make_tower(filters=64, kernel_size=5, out_dim=32):
    return Sequential([
        Conv1D(filters, kernel_size, activation="relu", padding="same"),
        GlobalMaxPooling1D(),
        Dense(out_dim),
    ], name="doc_tower")


def build_model():
    shared_embedding = Embedding(input_dim=vocab_size, output_dim=embedding_dim)
    doc1_input = Input(shape=(max_length,), dtype="int32")
    doc2_input = Input(shape=(max_length,), dtype="int32")
    doc1_embedded = shared_embedding(doc1_input)
    doc2_embedded = shared_embedding(doc2_input)

    tower = make_tower()
    v1 = tower(doc1_embedded)
    v2 = tower(doc2_embedded)
    similarity = Dot(axes=-1, normalize=True, name="cosine")([v1, v2])
    return Model(inputs=[doc1_input, doc2_input], outputs=similarity)
