"""Correct: a language-model wrapper swaps its softmax projection for a Lambda that multiplies by the embedding matrix.

The "tying word vectors and word classifiers" code keeps a plain Python class whose `Sequential`
holds `self.embedding`, two LSTMs and a projection; with `tying=True` it pops the projection and adds
`Lambda(lambda x: K.dot(x, K.transpose(self.embedding.embeddings)))` plus a softmax. The Lambda reads
a variable from outside itself, but that variable belongs to the Embedding layer of the same model:
it is tracked once, saved, and trained from both the input lookup and the output projection.
"""

SOURCE = "https://github.com/icoxfog417/tying-wv-and-wc/blob/master/model/augmented_model.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_sequential_tied_softmax_lambda_reads_embedding.py:
as returned: Sequential, count_params() = 5024, 7 weights, unbuilt: none
after call: count_params() = 5024, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class OneHotModel:
    def __init__(self, vocab_size, sequence_size, vector_length=16):
        self.vocab_size = vocab_size
        self.embedding = layers.Embedding(vocab_size, vector_length)
        self.model = keras.Sequential()
        self.model.add(keras.Input((sequence_size,), dtype="int32"))
        self.model.add(self.embedding)
        self.model.add(layers.LSTM(vector_length, return_sequences=True))
        self.model.add(layers.LSTM(vector_length, return_sequences=True))
        self.model.add(layers.TimeDistributed(layers.Dense(vocab_size, activation="softmax")))


class AugmentedModel(OneHotModel):
    def __init__(self, vocab_size, sequence_size, tying=True, **kwargs):
        super().__init__(vocab_size, sequence_size, **kwargs)
        if tying:
            self.model.pop()  # remove the projection: use the embedding instead
            self.model.add(layers.Lambda(lambda x: ops.matmul(x, ops.transpose(self.embedding.embeddings))))
            self.model.add(layers.Activation("softmax"))


def build_model():
    return AugmentedModel(vocab_size=50, sequence_size=7).model
