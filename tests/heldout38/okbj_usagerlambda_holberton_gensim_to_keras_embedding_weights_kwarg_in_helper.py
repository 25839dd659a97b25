"""A Holberton exercise converts a trained gensim Word2Vec into a Keras layer with a helper returning
`tf.keras.layers.Embedding(input_dim, output_dim, weights=[keyed_vectors.vectors], trainable=True)`: a layer
made in a helper with its weights handed over as a Keras-2 style `weights=` list looks like state that Keras 3
would drop or leave unbuilt, but the layer is built at construction with the gensim vectors, tracked, counted
and trained.

From UsagerLambda/holbertonschool-machine_learning, `supervised_learning/word_embeddings/3-gensim_to_keras.py`:
`gensim_to_keras(model)` reads `model.wv.vectors` and returns the Embedding above (this commit has
`trainable=True`; the exercise's other versions use `trainable=False`). The layer is then used in a
Sequential text model by the exercise's main file; here it is placed in
`Sequential([Input((5,)), layer, GlobalAveragePooling1D(), Dense(1)])`.

Porting edits: gensim is not installed, so `_Word2VecStandIn` stands in for a trained `Word2Vec`, exposing
`.wv.vectors` (a (50, 8) float32 array) the way gensim's KeyedVectors does; the wrapping Sequential is
added so the layer can be called and trained. `build_model()` returns the Sequential and a batch of 3 id
sequences.
"""

SOURCE = "https://github.com/UsagerLambda/holbertonschool-machine_learning/blob/24c1b4f6717bc119f06497cccd05513138967002/supervised_learning/word_embeddings/3-gensim_to_keras.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/okbj_usagerlambda_holberton_gensim_to_keras_embedding_weights_kwarg_in_helper.py:
as returned: Sequential, count_params() = 409, 3 weights, unbuilt: none
after call: count_params() = 409, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe/p_train.py and inline): the helper's Embedding is already built when returned, and its table
equals the stand-in's vectors exactly before training (Keras 3 accepts `weights=` on Embedding); one compiled
train_on_batch changes 3 of 3 trainable weights (table, Dense kernel and bias)."""

import numpy as np
import tensorflow as tf


def gensim_to_keras(model):
    """Gensim model to keras embedding layer."""
    keyed_vectors = model.wv
    weights = keyed_vectors.vectors
    layer = tf.keras.layers.Embedding(
            input_dim=weights.shape[0],
            output_dim=weights.shape[1],
            weights=[weights],
            trainable=True
        )
    return layer


class _Word2VecStandIn:
    """Stand-in for a trained gensim Word2Vec: only `.wv.vectors` is used."""

    class _KeyedVectors:
        def __init__(self, vectors):
            self.vectors = vectors

    def __init__(self, vocab=50, dim=8):
        self.wv = self._KeyedVectors(np.random.default_rng(0).standard_normal((vocab, dim)).astype("float32"))


def build_model():
    w2v = _Word2VecStandIn()
    embedding = gensim_to_keras(w2v)
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(5,)),
        embedding,
        tf.keras.layers.GlobalAveragePooling1D(),
        tf.keras.layers.Dense(1),
    ])
    x = np.random.default_rng(1).integers(0, 50, (3, 5))
    return model, x
