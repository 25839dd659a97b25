"""Correct: module-level Conv1D/pooling layers shared by a per-sentence encoder function.

The reporter (implementing a multi-instance CNN for relation extraction) asked when to define
layers globally: each bag holds several sentences, every sentence goes through the same
sentence encoder, so the convolution is defined once at module level and an `encode_sentence`
helper is called once per sentence input. That is intended sharing: the global layers are called
on Keras inputs while wiring, so the functional model tracks them (one set of weights).
"""

SOURCE = "https://github.com/keras-team/keras/issues/9793"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 1285: the module-level Embedding (800) and Conv1D (400) are tracked once although
called for 3 sentence inputs, plus the Dense head (85); all 5 trainable weights get gradients;
no warning."""

import keras
from keras import layers

MAX_LEN, VOCAB, EMB, N_SENT = 20, 100, 8, 3

word_embedding = layers.Embedding(VOCAB, EMB)
sentence_conv = layers.Conv1D(16, 3, padding="same", activation="tanh")
sentence_pool = layers.GlobalMaxPooling1D()


def encode_sentence(tokens):
    return sentence_pool(sentence_conv(word_embedding(tokens)))


def build_model():
    sentences = [keras.Input((MAX_LEN,), dtype="int32", name=f"sent_{i}") for i in range(N_SENT)]
    encoded = [encode_sentence(s) for s in sentences]
    bag = layers.Maximum()(encoded)
    out = layers.Dense(5, activation="sigmoid")(bag)
    return keras.Model(sentences, out)
