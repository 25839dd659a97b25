"""Correct: a positional-encoding layer whose two Embedding sublayers get fixed sinusoid matrices through `weights=[...]` and `trainable=False`.

Machine Learning Mastery's "The Transformer Positional Encoding Layer in Keras, Part 2" writes
`PositionEmbeddingFixedWeights(Layer)`: `__init__` computes NumPy sinusoid tables with a helper
method and hands them to two `Embedding` layers as initial weights, frozen. There is no build(),
NumPy matrices are computed in `__init__`, and nothing is trainable, so it looks like the
raw-array / untracked-state bugs; on Keras 3 the two Embeddings are built at construction,
tracked, counted as non-trainable and saved. The tutorial also has the trainable variant
(`PositionEmbeddingLayer`), kept here as in the post.
"""

SOURCE = "https://machinelearningmastery.com/the-transformer-positional-encoding-layer-in-keras-part-2/"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oks_mlm_position_embedding_fixed_weights.py:
as returned: Functional, count_params() = 90, 2 weights, unbuilt: none
after call: count_params() = 90, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['embedding/embeddings:0', 'embedding_1/embeddings:0']
params of the case's own layers: {'position_embedding_fixed_weights': 90}
second call: 0 variables watched that the first call did not use
own script: model.non_trainable_weights = ['embedding/embeddings', 'embedding_1/embeddings'] (counted in the 90 params, frozen by design)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Embedding, Input, Layer
from tensorflow.keras.models import Model


class PositionEmbeddingLayer(Layer):
    def __init__(self, sequence_length, vocab_size, output_dim, **kwargs):
        super(PositionEmbeddingLayer, self).__init__(**kwargs)
        self.word_embedding_layer = Embedding(
            input_dim=vocab_size, output_dim=output_dim
        )
        self.position_embedding_layer = Embedding(
            input_dim=sequence_length, output_dim=output_dim
        )

    def call(self, inputs):
        position_indices = tf.range(tf.shape(inputs)[-1])
        embedded_words = self.word_embedding_layer(inputs)
        embedded_indices = self.position_embedding_layer(position_indices)
        return embedded_words + embedded_indices


class PositionEmbeddingFixedWeights(Layer):
    def __init__(self, sequence_length, vocab_size, output_dim, **kwargs):
        super(PositionEmbeddingFixedWeights, self).__init__(**kwargs)
        word_embedding_matrix = self.get_position_encoding(vocab_size, output_dim)
        position_embedding_matrix = self.get_position_encoding(sequence_length, output_dim)
        self.word_embedding_layer = Embedding(
            input_dim=vocab_size, output_dim=output_dim,
            weights=[word_embedding_matrix],
            trainable=False
        )
        self.position_embedding_layer = Embedding(
            input_dim=sequence_length, output_dim=output_dim,
            weights=[position_embedding_matrix],
            trainable=False
        )

    def get_position_encoding(self, seq_len, d, n=10000):
        P = np.zeros((seq_len, d))
        for k in range(seq_len):
            for i in np.arange(int(d/2)):
                denominator = np.power(n, 2*i/d)
                P[k, 2*i] = np.sin(k/denominator)
                P[k, 2*i+1] = np.cos(k/denominator)
        return P

    def call(self, inputs):
        position_indices = tf.range(tf.shape(inputs)[-1])
        embedded_words = self.word_embedding_layer(inputs)
        embedded_indices = self.position_embedding_layer(position_indices)
        return embedded_words + embedded_indices


output_sequence_length = 5
vocab_size = 10
final_output_len = 6


def build_model():
    inputs = Input(shape=(output_sequence_length,), dtype='int32')
    fixed_weights_embedding_layer = PositionEmbeddingFixedWeights(
        output_sequence_length, vocab_size, final_output_len)
    outputs = fixed_weights_embedding_layer(inputs)
    return Model(inputs, outputs)
