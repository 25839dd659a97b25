"""Hierarchical attention network from a 2016 blog: the attention layer builds its weights with K.variable and registers them by assigning `self.trainable_weights`.

Richard Liao's "Text Classification, Part 3 - Hierarchical attention network" post (Keras 1/2 era,
later updated for Keras 2.0.8) defines `AttLayer`: `__init__` sets `self.init`,
`self.supports_masking` and `self.attention_dim` before calling `super().__init__()`, `build()`
creates W, b and u with `K.variable(self.init(shape))` and then does
`self.trainable_weights = [self.W, self.b, self.u]` (the old way to register hand-made variables).
Readers port the script to TF2 by switching to `tensorflow.keras` imports. On Keras 3 the property
`trainable_weights` has no setter, so the model cannot even be wired; and the K.variable weights
would not be tracked anyway (backend-native tf.Variables).
"""

SOURCE = "https://richliao.github.io/supervised/classification/2016/12/26/textclassifier-HATN/"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py s_han_attlayer_trainable_weights_assign.py:
build_model() raised AttributeError: property 'trainable_weights' of 'AttLayer' object has no setter
the crash happens in AttLayer.build while the sentence encoder is wired (first AttLayer call); no model is built."""

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras import initializers
from tensorflow.keras.layers import (GRU, Bidirectional, Dense, Embedding, Input, Layer,
                                     TimeDistributed)
from tensorflow.keras.models import Model

MAX_SENT_LENGTH = 12
MAX_SENTS = 5
MAX_NB_WORDS = 200
EMBEDDING_DIM = 16


class AttLayer(Layer):
    def __init__(self, attention_dim):
        self.init = initializers.get('normal')
        self.supports_masking = True
        self.attention_dim = attention_dim
        super(AttLayer, self).__init__()

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.W = K.variable(self.init((input_shape[-1], self.attention_dim)))
        self.b = K.variable(self.init((self.attention_dim, )))
        self.u = K.variable(self.init((self.attention_dim, 1)))
        self.trainable_weights = [self.W, self.b, self.u]
        super(AttLayer, self).build(input_shape)

    def compute_mask(self, inputs, mask=None):
        return None

    def call(self, x, mask=None):
        # size of x :[batch_size, sel_len, attention_dim]
        # size of u :[batch_size, attention_dim]
        # uit = tanh(xW+b)
        uit = K.tanh(K.bias_add(K.dot(x, self.W), self.b))
        ait = K.dot(uit, self.u)
        ait = K.squeeze(ait, -1)

        ait = K.exp(ait)

        if mask is not None:
            # Cast the mask to floatX to avoid float64 upcasting in theano
            ait *= K.cast(mask, K.floatx())
        ait /= K.cast(K.sum(ait, axis=1, keepdims=True) + K.epsilon(), K.floatx())
        ait = K.expand_dims(ait)
        weighted_input = x * ait
        output = K.sum(weighted_input, axis=1)

        return output

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])


def build_model():
    embedding_layer = Embedding(MAX_NB_WORDS + 1, EMBEDDING_DIM, trainable=True)

    sentence_input = Input(shape=(MAX_SENT_LENGTH,), dtype='int32')
    embedded_sequences = embedding_layer(sentence_input)
    l_lstm = Bidirectional(GRU(8, return_sequences=True))(embedded_sequences)
    l_att = AttLayer(10)(l_lstm)
    sentEncoder = Model(sentence_input, l_att)

    review_input = Input(shape=(MAX_SENTS, MAX_SENT_LENGTH), dtype='int32')
    review_encoder = TimeDistributed(sentEncoder)(review_input)
    l_lstm_sent = Bidirectional(GRU(8, return_sequences=True))(review_encoder)
    l_att_sent = AttLayer(10)(l_lstm_sent)
    preds = Dense(2, activation='softmax')(l_att_sent)
    model = Model(review_input, preds)
    return model
