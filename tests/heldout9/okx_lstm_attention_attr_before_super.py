"""Stock-price LSTM with an additive attention layer that stores `return_sequences` before super().__init__().

In the IDATT2502 forecasting project the `attention` layer writes
`self.return_sequences = return_sequences` and only then calls `super(attention, self).__init__()`.
Setting state before the base initializer is the LD013 shape, but this attribute is the layer's own
plain flag, not a Keras setting (`name`, `trainable`, `dtype`) or a sublayer, so the base `__init__`
does not touch it: on Keras 3 (TensorFlow backend) the flag survives, both attention weights are
built in `build()`, counted in the Sequential model and trained. The bias has a fixed time axis
(`input_shape[1]`), which is how the author uses it (n_steps = 7).
The original imported `keras.backend as K`; `K.dot`/`K.tanh` no longer exist there in Keras 3, so
`K` is `keras.ops` here (same names).
"""

SOURCE = "https://github.com/henriettebs/IDATT2502_project/blob/06a040c30a92cd17d38aad6ceed2684285e7fd27/src/models/LstmAttention/lstmAttention.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okx_lstm_attention_attr_before_super.py:
as returned: Sequential, count_params() = 104268, 12 weights, unbuilt: none
after call: count_params() = 104268, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 67}
second call: 0 variables watched that the first call did not use
Own check (/tmp/mine9c/att.py): after build the attention layer still has return_sequences == True (not reset by the late super().__init__()), 67 params = att_weight (60, 1) + att_bias (7, 1)."""

import numpy as np
from keras.models import Sequential
from keras.optimizers import Adam
from keras.layers import Dense, LSTM, Dropout, Layer, Input
from keras import ops as K


class attention(Layer):
    def __init__(self, return_sequences=True):
        self.return_sequences = return_sequences
        super(attention,self).__init__()

    def build(self, input_shape):
        self.W=self.add_weight(name="att_weight", shape=(input_shape[-1],1),
                               initializer="normal")
        self.b=self.add_weight(name="att_bias", shape=(input_shape[1],1),
                               initializer="normal")
        super(attention,self).build(input_shape)

    def call(self, x):
        e = K.tanh(K.dot(x,self.W)+self.b)
        a = K.softmax(e, axis=1)
        output = x*a
        if self.return_sequences:
            return output
        return K.sum(output, axis=1)


class Lstm:

    def Model(self,n_steps,n_features):
        model = Sequential()
        model.add(Input(shape=(n_steps, n_features)))
        model.add(LSTM(60, activation='relu', return_sequences=True))
        model.add(Dropout(0.5))
        model.add(attention())
        model.add(LSTM(120, activation='relu'))
        model.add(Dropout(0.5))
        model.add(Dense(20))
        model.add(Dense(1))
        opt = Adam(learning_rate=0.0001)
        model.compile(optimizer=opt, loss='mse', metrics=['mse'])
        return model

    def SplitSequence(self,sequence, n_steps):
        X, y = list(), list()
        for i in range(len(sequence)):
            end_ix = i + n_steps
            if end_ix > len(sequence)-1:
                break
            seq_x, seq_y = sequence[i:end_ix], sequence[end_ix]
            X.append(seq_x)
            y.append(seq_y)
        return np.array(X), np.array(y)


def build_model():
    return Lstm().Model(n_steps=7, n_features=1)
