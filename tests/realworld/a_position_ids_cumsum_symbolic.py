"""Correct: position ids derived from the token input with `ops.cumsum`, then a position Embedding called on them.

The reporter first fed position ids as a second Input, then tried to derive them inside the graph
with `tf.cumsum` over a ones-like of the word ids to avoid the extra input, and saw the position
embedding's parameters behave differently (TF 1.15). Ported to Keras 3 with `keras.ops` (raw
`tf.*` calls on a KerasTensor raise on Keras 3): the ids are a symbolic tensor computed from the
Input, so the position Embedding is wired into the graph and tracked.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/34732"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 7009: word embedding (6432), position embedding (17x32 = 544) and Dense (33) all
tracked; all 4 trainable weights get gradients; no warning. (Using tf.cumsum on the KerasTensor
instead raises ValueError "A KerasTensor cannot be used as input to a TensorFlow function".)"""

import keras
from keras import ops
from keras.layers import Embedding, Input

max_seq_length = 16
word_embedding_size = 32
vocab = 200


def build_model():
    word_ids = Input(dtype="int32", shape=(max_seq_length,), name="word_ids")
    pos_ids = ops.cumsum(ops.ones_like(word_ids), axis=1)        # 1..max_seq_length
    pos_embedding_layer = Embedding(input_dim=max_seq_length + 1, output_dim=word_embedding_size)
    embedding_layer = Embedding(input_dim=vocab + 1, output_dim=word_embedding_size)
    x = embedding_layer(word_ids) + pos_embedding_layer(pos_ids)
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = keras.layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(word_ids, out)
