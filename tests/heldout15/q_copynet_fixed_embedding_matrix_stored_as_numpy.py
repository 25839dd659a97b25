"""copynet-tf's `FixedEmbedding` freezes pre-trained (GloVe) vectors by storing the NumPy matrix itself
as the layer's `embeddings` and overriding `build()` so no weight is ever created: the embedding table
is a raw array, not a variable. On Keras 3 the assignment does not even go through.

`FixedEmbedding(Embedding)` (pavanchhatpar/copynet-tf, `copynet_tf/layers/fixed_embedding.py`, used
as `target_embedder` by the CopyNet decoders) calls `Embedding.__init__(vocab, dim, trainable=False,
...)`, then `self.embeddings = embedding_matrix`; its `build()` only sets `self.built = True` (the
`add_weight` call is commented out). On tf.keras 2, where `embeddings` was a plain attribute, the
layer ran on a constant table that is no weight at all: nothing counted, nothing saved, the matrix
rebuilt from the vocabulary files at every load (tf.keras 2 behaviour read from the code, not
measured here). On Keras 3 `Embedding.embeddings` is a read-only property, so constructing the layer
raises `AttributeError: property 'embeddings' of 'FixedEmbedding' object has no setter` before any
model exists. The intended fix is a non-trainable weight: `Embedding(..., weights=[matrix],
trainable=False)` or `add_weight(..., trainable=False)` + `assign`.

Porting edits: none in the layer (Keras 3 only warns that `input_length` is deprecated); the decoder
around it is reduced to Input -> FixedEmbedding -> GRU -> Dense on a 20-word vocabulary with a random 8-d "GloVe" matrix.
"""

SOURCE = "https://github.com/pavanchhatpar/copynet-tf/blob/8a29595/copynet_tf/layers/fixed_embedding.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/q_copynet_fixed_embedding_matrix_stored_as_numpy.py:
build_model() raised AttributeError: property 'embeddings' of 'FixedEmbedding' object has no setter
warning: Argument `input_length` is deprecated. Just remove it.
Own check (inline): the same happens for the sibling `FixedDense(Dense)` in copynet_tf/layers/fixed_dense.py
(`self.kernel = weights[0]` -> "property 'kernel' of 'FixedDense' object has no setter")."""

import numpy as np
import keras
from keras.layers import Embedding


class FixedEmbedding(Embedding):
    def __init__(self, embedding_matrix, max_seq_len=None, **kwargs):
        super().__init__(
            embedding_matrix.shape[0],
            embedding_matrix.shape[1],
            trainable=False,
            input_length=max_seq_len,
            **kwargs
        )
        self.embeddings = embedding_matrix

    def build(self, input_shape):
        # with tf.device('cpu:0'):
        #     self.embeddings = self.add_weight(
        #         shape=(self.input_dim, self.output_dim),
        #         initializer=self.embeddings_initializer,
        #         name='embeddings',
        #         regularizer=self.embeddings_regularizer,
        #         constraint=self.embeddings_constraint,
        #         caching_device='cpu:0')
        self.built = True


def build_model():
    embedding_matrix = np.random.default_rng(0).normal(size=(20, 8)).astype("float32")
    tokens = keras.Input(shape=(6,), dtype="int32")
    x = FixedEmbedding(embedding_matrix, max_seq_len=6)(tokens)
    x = keras.layers.GRU(8)(x)
    out = keras.layers.Dense(20)(x)
    return keras.Model(tokens, out)
