"""Correct: `TokenAndPositionEmbedding` layer that calls `self.pos_emb(keras.ops.arange(maxlen))` inside call().

The keras.io transformer examples (copied into many repos, here a GPT-style Space) compute the
position ids with `keras.ops.arange(0, maxlen, 1)` and embed them with `self.pos_emb` inside
`call()`. Looks like the wiring-time `Embedding(...)(tf.range(n))` bug, but here the position
embedding is a sublayer of a layer and is called during every forward pass: it is tracked and
trained.
"""

SOURCE = "https://huggingface.co/spaces/abhaskumarsinha/Ragdoll/blob/ceed47aa45864a1cf97a9e5957b01bda49d5ffde/models/embeddings.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 514: token (400) and position (96) embeddings both tracked under the layer, plus
the Dense head; every trainable weight, the position table included, gets a gradient; no warning."""

import keras


class TokenAndPositionEmbedding(keras.layers.Layer):
    def __init__(self, maxlen, vocab_size, embed_dim):
        super().__init__()
        self.token_emb = keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.pos_emb = keras.layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

    def call(self, x):
        maxlen = keras.ops.shape(x)[-1]
        positions = keras.ops.arange(0, maxlen, 1)
        positions = self.pos_emb(positions)
        x = self.token_emb(x)
        return x + positions


def build_model(maxlen=12, vocab_size=50, embed_dim=8):
    inputs = keras.Input((maxlen,), dtype="int32")
    x = TokenAndPositionEmbedding(maxlen, vocab_size, embed_dim)(inputs)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
