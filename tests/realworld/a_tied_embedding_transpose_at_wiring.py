"""Output projection tied to the input embedding by transposing `embedding_layer.embeddings` while wiring.

The reporter wanted to map the embedding vector back with `x = v * A.T`, where `A` is the
embedding matrix, instead of a separate `TimeDistributed(Dense(voc_size))`. A common way to write
it: take `ops.transpose(embedding_layer.embeddings)` right after the embedding layer is called,
then feed that tensor to a Lambda doing the matmul. The transpose is computed once, eagerly, at
wiring time: the Lambda closes over a constant snapshot, not the variable.
"""

SOURCE = "https://github.com/keras-team/keras/issues/7519"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 1340 (embedding counted once, through its input call); for an input of all
token 0, tf.GradientTape gives the embedding matrix a gradient in 1 row only (the looked-up row):
the output projection contributes nothing, because the Lambda multiplies by a constant snapshot;
after embeddings.assign(ones) the Lambda still returns the old values (-0.117, ...) instead of
10.0; no warning or error."""

import keras
from keras import layers, ops

embedding_dim = 10
voc_size = 50
seq_length = 10


def build_model():
    x_in = keras.Input(shape=(seq_length,), dtype="int32")
    embedding_layer = layers.Embedding(voc_size, embedding_dim)
    x = embedding_layer(x_in)
    x = layers.LSTM(embedding_dim, return_sequences=True)(x)
    A_T = ops.transpose(embedding_layer.embeddings)  # (embedding_dim, voc_size)
    logits = layers.Lambda(lambda v: ops.matmul(v, A_T))(x)
    probs = layers.Softmax()(logits)
    return keras.Model(x_in, probs)
