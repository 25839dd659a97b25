"""A course homework's hand-written LSTM: the `LstmCell` (four gate Dense layers) is built outside and
passed into `LstmLayer(LSTM_Cell)`, which has no `build()` and calls the cell step by step in a Python
loop over `tf.range`: looks like an untracked, never-built cell, but Keras 3 tracks the passed-in cell
and all gates are built and trained.

From Erik-Nickel/iannwtfael (`Homework_07/hw7.py`, homework 7 of the Osnabrück course "Implementing
Artificial Neural Networks with TensorFlow": an LSTM for the "integration task" of summing noise
signals). `LstmCell.__init__` makes forget/input/candidate/output gate Dense layers plus an Activation
and a Concatenate; its `call(x_t, h_t, c_t, training)` takes the states as extra positional tensors.
`LstmLayer.__init__(self, LSTM_Cell, return_sequences=False)` stores the cell it receives as
`self.cell` and `call()` starts from zero states and loops `for t in tf.range(length)` calling
`self.cell(input_t, h_state, c_state, training)` (with `return_sequences=True` it would also write a
TensorArray without keeping the result, a separate slip; the model uses `return_sequences=False`).
`LstmModel` wires `Dense(16)` -> `LstmLayer(LstmCell(32))` -> `Dense(1, sigmoid)`; the Keras LSTM
alternative is left commented out by the author.

Porting edits: in `LstmLayer.call`, the cell call's positional `training` became `training=training`
(Keras 3 raises "Only input tensors may be passed as positional arguments" for a bool); nothing else in
the three classes (`from keras.layers import ...` kept; the module's broken
data-generator code and top-level training script, which fail before reaching the model, left out).
build_model(): `LstmModel()` and a batch of two 5-step one-feature sequences, returned as (model,
inputs) (the model is built by its first call in the measurement).
"""

SOURCE = "https://github.com/Erik-Nickel/iannwtfael/blob/e37a0b80e0f3a26166dcfafdec87f96a648939d2/Homework_07/hw7.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaq_eriknickeliannwtf_lstm_cell_passed_into_layer_gates_in_python_loop.py:
as returned: LstmModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'LstmLayer:lstm_layer', 'LstmCell:lstm_cell', 'Concatenate:concatenate', 'Dense:dense_4', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense_5']
after call: count_params() = 6337, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lstm_layer': 6272, 'lstm_cell': 6272}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from keras.layers import Dense, Activation, Concatenate, LSTM
from tensorflow.keras.layers import Dense


class LstmLayer(tf.keras.layers.Layer):
    def __init__(self, LSTM_Cell, return_sequences=False):
        super(LstmLayer, self).__init__()
        self.return_sequences = return_sequences
        self.cell = LSTM_Cell

    def call(self, data, training=False):
        length = data.shape[1]
        h_state = tf.zeros((data.shape[0], self.cell.units), tf.float32)
        c_state = tf.zeros((data.shape[0], self.cell.units), tf.float32)
        hidden_states = tf.TensorArray(dtype=tf.float32, size=length)
        for t in tf.range(length):
            input_t = data[:, t, :]
            h_state, c_state = self.cell(input_t, h_state, c_state, training=training)
            if self.return_sequences:
                hidden_states.write(t, h_state)
        if self.return_sequences:
            # transpose the sequence of hidden_states from TensorArray accordingly
            # (batch and time dimensions are otherwise switched after .stack())
            outputs = tf.transpose(hidden_states.stack(), [1, 0, 2])
        else:
            outputs = h_state
        return outputs


class LstmCell(tf.keras.layers.Layer):
    def __init__(self, units, kernel_regularizer=None):
        super(LstmCell, self).__init__()
        self.units = units
        self.forget_gate = Dense(units, activation='sigmoid')
        self.input_gate = Dense(units, activation='sigmoid')
        self.cell_state_candidates = Dense(units, activation='tanh')
        self.output_gate = Dense(units, activation='sigmoid')
        self.tanh_layer = Activation(activation='tanh')
        self.concat_layer = Concatenate(axis=-1)

    def call(self, x_t, h_t, c_t, training=False):
        x_t_h_t = self.concat_layer([h_t, x_t])
        f = self.forget_gate(x_t_h_t)
        i = self.input_gate(x_t_h_t)
        c_h = self.cell_state_candidates(x_t_h_t)
        o = self.output_gate(x_t_h_t)
        c = (f * c_t) + (i * c_h)
        h = o * self.tanh_layer(c)
        return h, c


class LstmModel(tf.keras.Model):

    def __init__(self):
        super(LstmModel, self).__init__()
        units = 32  # TODO how many units are sufficient?
        self.embedding = tf.keras.layers.Dense(16, activation='sigmoid')  # TODO probably not necessary?
        # self.LSTM = LSTM(units=units, return_sequences=False)  # if it dose not work test with tensorflow implementation
        self.LSTM = LstmLayer(LstmCell(units), return_sequences=False)
        self.out = Dense(1, activation='sigmoid')

    def call(self, x):
        x = self.embedding(x)
        x = self.LSTM(x)
        x = self.out(x)
        return x


def build_model():
    model = LstmModel()
    sequences = np.random.default_rng(0).normal(size=(2, 5, 1)).astype("float32")
    return model, sequences
