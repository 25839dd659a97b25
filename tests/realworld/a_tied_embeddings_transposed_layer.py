"""Correct: a `TiedEmbeddingsTransposed` layer that reads the tied Embedding's matrix inside `call()`.

The reporter implemented tied input/output embeddings (Press & Wolf) with a custom layer that is
given the Embedding layer (`tied_to`) and transposes its matrix to project back to the
vocabulary. Done in `call()`, every forward pass reads the live variable, so the output
projection trains the shared embedding. (Their trouble was only loading weights by name in
tf.keras 2.) Ported to Keras 3.
"""

SOURCE = "https://github.com/keras-team/keras/issues/10485"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 1416 (embedding 480 counted once + GRU 936); the tied layer's weights list the
shared 'embedding/embeddings'; for an all-token-0 input all 40 rows of the embedding matrix get a
gradient (the output projection trains it); no warning."""

import keras
from keras import ops


class TiedEmbeddingsTransposed(keras.layers.Layer):
    """Projects H-dim states back to the V-dim vocabulary with the tied embedding matrix."""

    def __init__(self, tied_to=None, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.tied_to = tied_to
        self.activation = keras.activations.get(activation)

    def call(self, inputs):
        output = ops.matmul(inputs, ops.transpose(self.tied_to.embeddings))
        if self.activation is not None:
            output = self.activation(output)
        return output


def build_model(vocab=40, hidden=12, length=7):
    src = keras.Input((length,), dtype="int32")
    embedding = keras.layers.Embedding(vocab, hidden)
    h = embedding(src)
    h = keras.layers.GRU(hidden, return_sequences=True)(h)
    probs = TiedEmbeddingsTransposed(tied_to=embedding, activation="softmax")(h)
    return keras.Model(src, probs)
