"""A token embedding reused as the output projection: `reverse=True` multiplies by the transposed embedding matrix at call time.

KerasHub's `ReversibleEmbedding` ties input embeddings and output logits by reading its own
`embeddings` variable, transposed, inside `call(..., reverse=True)`. One variable, two uses: correct
tied weights. Written here as a small subclass of `keras.layers.Embedding` in the same way.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/reversible_embedding.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_reversible_embedding_tied_logits.py:
as returned: Functional, count_params() = 1072, 3 weights, unbuilt: none
after call: count_params() = 1072, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reversible_embedding': 800}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class ReversibleEmbedding(keras.layers.Embedding):
    def call(self, inputs, reverse=False):
        if reverse:
            return ops.matmul(inputs, ops.transpose(self.embeddings))
        return super().call(inputs)

    def compute_output_spec(self, inputs, reverse=False):
        if reverse:
            return keras.KerasTensor(tuple(inputs.shape[:-1]) + (self.input_dim,), dtype=self.compute_dtype)
        return super().compute_output_spec(inputs)


def build_model(vocab=50, dim=16, seq=8):
    token_ids = keras.Input((seq,), dtype="int32")
    embedding = ReversibleEmbedding(vocab, dim)
    x = embedding(token_ids)
    x = keras.layers.Dense(dim, activation="relu")(x)
    logits = embedding(x, reverse=True)
    return keras.Model(token_ids, logits)
