"""Attention weights kept as a backend variable on the model-builder object and used in a Lambda via `self`.

The reporter built an attention model inside a class: `self.w_attn_2 = K.variable(np.random.random((64,
64)))` then `z = Lambda(lambda x: K.dot(x, self.w_attn_2))(output)`, "need the lambda to maintain
Keras tensor". The variable is reachable only through the closure over the builder object (a plain
Python object, not a Layer), so it is not a weight of the model and is never trained. Ported to
Keras 3 (keras.Variable, keras.ops).
"""

SOURCE = "https://github.com/keras-team/keras/issues/10583"
CODES = ("LD012", "LD011")
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 85 (LSTM 20 + Dense 65); self.w_attn_2 (64x64 = 4096 values) used by the Lambda is
not among the model's 5 weights and is never trained; output (2, 1); no warning or error."""

import numpy as np
import keras
from keras import ops
from keras.layers import LSTM, Dense, Input, Lambda


class AttentionModelBuilder:
    def __init__(self, steps=64):
        self.steps = steps

    def build(self):
        inp = Input((self.steps, 3))
        LSTM_layer = LSTM(1, return_sequences=True)
        output = LSTM_layer(inp)
        output = Lambda(lambda x: ops.reshape(x, (-1, self.steps)))(output)
        self.w_attn_2 = keras.Variable(np.random.random((self.steps, self.steps)), dtype="float32")
        z = Lambda(lambda x: ops.dot(x, self.w_attn_2))(output)
        z = Dense(1)(z)
        return keras.Model(inp, z)


def build_model():
    return AttentionModelBuilder().build()
