"""Correct: Machine Learning Mastery's custom attention layer for a SimpleRNN builds W and b with add_weight in build(), b sized by the sequence length, and computes with Keras backend functions.

"Adding a Custom Attention Layer to Recurrent Neural Network in Keras" defines
`class attention(Layer)` with `self.add_weight(name='attention_weight', shape=(input_shape[-1], 1))`
and a bias of shape `(input_shape[1], 1)` (one per time step), calls `super().build`, and in `call`
uses `K.tanh(K.dot(x, self.W) + self.b)`, squeeze, softmax, expand_dims and a weighted sum. It is
wired after `SimpleRNN(return_sequences=True)` in a functional model, as in the post. Hand-written
weights, a shape taken from the time axis and backend calls look like several bugs; on Keras 3
both weights are tracked and both get gradients.
"""

SOURCE = "https://machinelearningmastery.com/adding-a-custom-attention-layer-to-recurrent-neural-network-in-keras/"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oks_mlm_attention_rnn_add_weight_seq_len.py:
as returned: Functional, count_params() = 33, 7 weights, unbuilt: none
after call: count_params() = 33, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 22}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow.keras.backend as K
from tensorflow.keras.layers import Dense, Input, Layer, SimpleRNN
from tensorflow.keras.models import Model


# Add attention layer to the deep learning network
class attention(Layer):
    def __init__(self, **kwargs):
        super(attention, self).__init__(**kwargs)

    def build(self, input_shape):
        self.W = self.add_weight(name='attention_weight', shape=(input_shape[-1], 1),
                                 initializer='random_normal', trainable=True)
        self.b = self.add_weight(name='attention_bias', shape=(input_shape[1], 1),
                                 initializer='zeros', trainable=True)
        super(attention, self).build(input_shape)

    def call(self, x):
        # Alignment scores. Pass them through tanh function
        e = K.tanh(K.dot(x, self.W) + self.b)
        # Remove dimension of size 1
        e = K.squeeze(e, axis=-1)
        # Compute the weights
        alpha = K.softmax(e)
        # Reshape to tensorFlow format
        alpha = K.expand_dims(alpha, axis=-1)
        # Compute the context vector
        context = x * alpha
        context = K.sum(context, axis=1)
        return context


def create_RNN_with_attention(hidden_units, dense_units, input_shape, activation):
    x = Input(shape=input_shape)
    RNN_layer = SimpleRNN(hidden_units, return_sequences=True, activation=activation)(x)
    attention_layer = attention()(RNN_layer)
    outputs = Dense(dense_units, trainable=True, activation=activation)(attention_layer)
    model = Model(x, outputs)
    model.compile(loss='mse', optimizer='adam')
    return model


time_steps = 20
hidden_units = 2


def build_model():
    return create_RNN_with_attention(hidden_units=hidden_units, dense_units=1,
                                     input_shape=(time_steps, 1), activation='tanh')
