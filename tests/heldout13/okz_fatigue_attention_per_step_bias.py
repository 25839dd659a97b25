"""Temporal attention layer whose bias is shaped by the number of time steps, returning (context, weights).

From a fatigue-life prediction project: `Attention(Layer)` creates `W` of shape (features, 1) and a
per-time-step bias `b` of shape (timesteps, 1) in `build()`, scores with `K.tanh(K.dot(x, self.W) + self.b)`
and returns both the weighted sum and the attention weights; the model feeds an LSTM sequence into it.
It looks fragile (shape-dependent bias, backend `K.dot`, tuple output), but both weights are created with
`add_weight`, are used in `call()`, and both receive gradients on Keras 3.
"""

SOURCE = "https://github.com/mschongchulshin/fatigue_life_predictor/blob/main/fatigue_life_predictor/attention.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py okz_fatigue_attention_per_step_bias.py:
as returned: Functional, count_params() = 1725, 9 weights, unbuilt: none
after call: count_params() = 1725, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 28}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer


class Attention(Layer):
    def __init__(self, **kwargs):
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):
        self.W = self.add_weight(name="att_weight", shape=(input_shape[-1], 1),
                                 initializer="glorot_uniform", trainable=True)
        self.b = self.add_weight(name="att_bias", shape=(input_shape[1], 1),
                                 initializer="zeros", trainable=True)
        super(Attention, self).build(input_shape)

    def call(self, x):
        e = tf.tanh(tf.tensordot(x, self.W, axes=1) + self.b)
        a = tf.nn.softmax(e, axis=1)
        output = x * a
        return tf.reduce_sum(output, axis=1), a


def build_lstm_attention(timesteps=12, features=5, units=16):
    inputs = tf.keras.Input(shape=(timesteps, features))
    seq = tf.keras.layers.LSTM(units, return_sequences=True)(inputs)
    context, weights = Attention(name="attention")(seq)
    x = tf.keras.layers.Dense(16, activation="relu")(context)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs, name="fatigue_life")


def build_model():
    return build_lstm_attention()
