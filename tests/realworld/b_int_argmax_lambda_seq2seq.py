"""Encoder-decoder where the encoder's softmax is turned into token ids with `Lambda(argmax)` mid-model.

keras#11157: the model compiles but `fit()` raises "An operation has `None` for gradient ...
Common ops without gradient: K.argmax, K.round, K.eval". The encoder (Embedding, LSTM, Dense)
ends in `Lambda(K.argmax)` and `Lambda(K.cast)`, and the decoder starts from those integer ids,
so nothing upstream of the argmax can receive a gradient.
"""

SOURCE = "https://github.com/keras-team/keras/issues/11157"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 6,742; under GradientTape on a (2, 6) int32 batch of token ids the encoder's
Embedding, the three LSTM weights and the encoder Dense (6 trainable weights) get a None gradient,
the decoder layers get gradients; no warning at call time (fit: "Gradients do not exist for
variables ..."). The tensor between the Lambdas is int64 (argmax), then float32 (cast)."""

import keras
from keras import layers, ops


def build_model(vocabulary=50, latent_dim=16, seq_len=6, n_labels=4):
    encoder_inputs = keras.Input(shape=(seq_len,), dtype="int32")
    encoder_dense = layers.Dense(vocabulary, activation="softmax")
    x = layers.Embedding(vocabulary, latent_dim)(encoder_inputs)
    x = layers.LSTM(latent_dim, return_sequences=True)(x)
    x = layers.Dropout(0.5)(x)
    x = encoder_dense(x)
    x = layers.Lambda(lambda t: ops.argmax(t, axis=-1))(x)
    x = layers.Lambda(lambda t: ops.cast(t, "float32"))(x)

    decoder_embedding = layers.Embedding(vocabulary, latent_dim)
    decoder_lstm = layers.LSTM(latent_dim)
    decoder_dense = layers.Dense(n_labels, activation="softmax")
    y = decoder_embedding(x)
    y = decoder_lstm(y)
    outputs = decoder_dense(y)
    return keras.Model(encoder_inputs, outputs)
