"""A stacked-LSTM text classifier ends in a hand-written `AttentionLayer` whose weight matrix is
(time_steps, time_steps), sized in `build()` from `input_shape[1]`, inside a `Sequential` whose
`Embedding` is loaded with a pre-trained matrix through `weights=[...]`.

From jiahenghuang/nlp-tensorflow2.0 (`text_classify/stack-lstm-attention.py`). Looks like a weight tied
to a hand-given size and a layer that could be built on the wrong axis (the weight follows the sequence
length, not the features), but `build()` reads the length from the real input shape, calls
`super().build()`, and the layer only ever sees the fixed `sequenceLength` of the model: on Keras 3 its
two weights are counted, built with the model and get gradients, and the embedding keeps the given
matrix.

Porting edits: `tensorflow.keras` -> `keras`; `backend.permute_dimensions` / `backend.dot` (gone from
Keras 3's `keras.backend`) -> `tf.transpose` / `tf.tensordot` on the same axes; `Embedding(...,
input_length=)` -> a leading `keras.Input(shape=(sequenceLength,))` (Keras 3 dropped `input_length`);
vocabulary 30, embedding 8, LSTM 50 -> 6, sequence length 7, dropouts kept; a random matrix stands in for
the word2vec `embedding_weights`; `build_model()` returns the uncompiled model.
"""

SOURCE = "https://github.com/jiahenghuang/nlp-tensorflow2.0/blob/9d86720e8d76ee2a2f21216ceb01ea68e599528d/text_classify/stack-lstm-attention.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okf_jiahenghuang_stacked_lstm_attention_weights_per_time_step.py:
as returned: Sequential, count_params() = 1294, 14 weights, unbuilt: none
after call: count_params() = 1294, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_layer': 56}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine22a/p6.py: the Embedding keeps the given matrix (allclose True); AttentionLayer weights (7, 7) and (7,), i.e. sized from the real sequence length."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer, Embedding, Dropout, LSTM, Dense
from keras.models import Sequential


class AttentionLayer(Layer):
    def __init__(self, **kwargs):
        super(AttentionLayer, self).__init__(** kwargs)

    def build(self, input_shape):
        assert len(input_shape)==3
        # W.shape = (time_steps, time_steps)
        self.W = self.add_weight(name='att_weight',
                                 shape=(input_shape[1], input_shape[1]),
                                 initializer='uniform',
                                 trainable=True)
        self.b = self.add_weight(name='att_bias',
                                 shape=(input_shape[1],),
                                 initializer='uniform',
                                 trainable=True)
        super(AttentionLayer, self).build(input_shape)

    def call(self, inputs):
        # inputs.shape = (batch_size, time_steps, seq_len)
        x = tf.transpose(inputs, (0, 2, 1))
        # x.shape = (batch_size, seq_len, time_steps)
        a = tf.nn.softmax(tf.tanh(tf.tensordot(x, self.W, axes=[[2], [0]]) + self.b))
        outputs = tf.transpose(a * x, (0, 2, 1))
        outputs = tf.reduce_sum(outputs, axis=1)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape[0], input_shape[2]


class config:
    embeddingSize = 8
    sequenceLength = 7
    dropoutKeepProb = 0.5


def train_lstm(n_symbols, embedding_weights, config):

    model = Sequential([
        keras.Input(shape=(config.sequenceLength,)),
        Embedding(input_dim=n_symbols, output_dim=config.embeddingSize,
                  weights=[embedding_weights]),

    #LSTM层
    Dropout(config.dropoutKeepProb),
    LSTM(6, activation='tanh', dropout=0.5, recurrent_dropout=0.5, return_sequences=True),
    LSTM(6, dropout=0.5, recurrent_dropout=0.5, return_sequences=True),
    LSTM(6, return_sequences=True),

    #BatchNormalization(),
    AttentionLayer(),
    Dropout(config.dropoutKeepProb),
    Dense(2, activation='softmax')])

    return model


def build_model():
    embedding_weights = np.random.default_rng(0).random((30, 8)).astype("float32")
    return train_lstm(30, embedding_weights, config)
