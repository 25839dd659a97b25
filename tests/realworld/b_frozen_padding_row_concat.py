"""Embedding with a fixed all-zero padding row: the table is concatenated once in `build()` and frozen whole.

keras#3711 asks for an Embedding whose row 0 (the padding index) is initialised to zero and
*kept* at zero while all other rows train. The usual first attempt: keep a trainable table for
the real tokens and, in `build()`, store `concatenate([zeros_row, embeddings])` under another
name for `call()` to look up. That stored table is a constant computed from the initial values,
so no row trains at all.
"""

SOURCE = "https://github.com/keras-team/keras/issues/3711"
CODES = ("LD010", "LD009")  # a frozen copy of the weight used in its place (LD010); the weight gets no gradient (LD009)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 1,634 (embeddings 100 x 16 + head 34); under GradientTape on a (2, 7) int32
batch of token ids the PaddedEmbedding `embeddings` weight gets a None gradient (no row trains, not
only the padding row), the Dense head gets gradients; no warning."""

import keras
from keras import layers, ops


class PaddedEmbedding(layers.Layer):
    """Row 0 is the padding token and must stay zero."""

    def __init__(self, vocab_size, dim, **kwargs):
        super().__init__(**kwargs)
        self.vocab_size = vocab_size
        self.dim = dim

    def build(self, input_shape):
        self.embeddings = self.add_weight(
            name="embeddings", shape=(self.vocab_size - 1, self.dim), initializer="uniform"
        )
        pad_row = ops.zeros((1, self.dim))
        self.full_table = ops.concatenate([pad_row, self.embeddings], axis=0)

    def call(self, token_ids):
        return ops.take(self.full_table, ops.cast(token_ids, "int32"), axis=0)


def build_model(vocab_size=101, dim=16, num_classes=2):
    tokens = keras.Input(shape=(None,), dtype="int32")
    x = PaddedEmbedding(vocab_size, dim)(tokens)
    x = layers.GlobalAveragePooling1D()(x)
    out = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(tokens, out)
