"""Hand-written LSTM whose cell, unrolling layer and model all decorate `call()` with `@tf.function`: on Keras 3 every weight (all four gate Dense layers, the embedding and output Dense) is counted but gets no gradient, and `fit` stops with "No gradients provided for any variable".

jalippold/iannwtf `homework07/` (`lstmcell.py`, `lstmlayer.py`, `MyModel.py`): `LSTM_Cell` creates
`forget_dense`, `input_dense`, `csc_dense`, `output_dense` in `__init__` and computes one LSTM step from
`(hidden_state, cell_state)`; `LSTM_Layer` keeps the cell it is given as `self.cell`, loops over the time
axis writing states into TensorArrays and returns the last hidden state; `zero_states()` builds `tf.zeros`
states; `LSTMModel` wires Dense -> LSTM_Layer(LSTM_Cell(units)) -> Dense. Every `call` is wrapped in
`@tf.function` (a tf.keras 2 habit for speed). Tracking is fine (12 weights, 1161 params), but on Keras 3
with the TensorFlow backend the Dense sublayers called inside a `tf.function`-decorated `call` are cut off
from the tape: all 12 gradients are None on every call. A two-class probe (`_tfprobe.py` in this folder)
isolates it: a Dense sublayer called inside an outer layer's `@tf.function` call gets None gradients (2 of
2), while an `add_weight` variable used directly in such a call gets its gradient. Labelled LD009 (trainable
weights that never receive a gradient); doubt kept: the cause, a `tf.function`-wrapped `call` around Keras 3
sublayers, is not one of the causes LD009's row lists. Porting edits: none. build_model() builds
LSTMModel(units=8, batchsize=2) and returns it with a (2, 5, 3) batch.
"""

SOURCE = "https://github.com/jalippold/iannwtf/blob/491238929fcb878a9b43c76da2d66902912b350e/homework07/lstmlayer.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
As returned: LSTMModel, count_params() raised ValueError, 0 weights, all 8 sublayers unbuilt; after call:
count_params() = 1161, 12 trainable weights, unbuilt: none; gradient None for 12 of 12 trainable weights
(['lstm_model/dense/kernel', 'lstm_model/dense/bias', 'lstm_model/lstm__layer/lstm__cell/dense_1/kernel',
...]); tape watched 0 untracked variables; params of the case's own layers: {'lstm__layer': 1056,
'lstm__cell': 1056}. Separate runs: three successive GradientTape calls -> None grads 12 of 12 each time;
`compile(adam, binary_crossentropy)` + `fit` -> ValueError: No gradients provided for any variable.
_tfprobe.py: "sublayer Dense inside tf.function call None grads 2 of 2"; "add_weight used in tf.function
call None grads 0 of 1"."""

import numpy as np
import tensorflow as tf


class LSTM_Cell(tf.keras.layers.Layer):

    def __init__(self, units):
        super(LSTM_Cell, self).__init__()
        self.units = units
        self.forget_dense = tf.keras.layers.Dense(units=units, activation=tf.nn.sigmoid, bias_initializer='ones')
        self.input_dense = tf.keras.layers.Dense(units=units, activation=tf.nn.sigmoid)
        self.csc_dense = tf.keras.layers.Dense(units=units, activation=tf.nn.tanh)
        self.output_dense = tf.keras.layers.Dense(units=units, activation=tf.nn.sigmoid)

    @tf.function
    def call(self, x, states):
        input_shape = tf.shape(x)
        hidden_state = states[0]
        cell_state = states[1]
        x = tf.concat([x, hidden_state], axis=1)
        forget = self.forget_dense(x)
        input = self.input_dense(x)
        cell_state_cand = self.csc_dense(x)
        output = self.output_dense(x)
        cell_state = tf.multiply(cell_state, forget)
        cell_state = tf.add(cell_state, tf.multiply(input, cell_state_cand))
        hidden_state = tf.multiply(tf.tanh(cell_state), output)
        return (hidden_state, cell_state)


class LSTM_Layer(tf.keras.layers.Layer):
    def __init__(self, cell):
        super(LSTM_Layer, self).__init__()
        self.cell = cell

    @tf.function
    def call(self, x, states):
        input_shape = x.shape
        cell_states = tf.TensorArray(dtype=tf.float32, size=input_shape[1] + 1)
        hidden_states = tf.TensorArray(dtype=tf.float32, size=input_shape[1] + 1)
        hstate = states[0]
        cstate = states[1]
        hidden_states = hidden_states.write(0, hstate)
        cell_states = cell_states.write(0, cstate)
        for t in range(input_shape[1]):
            hstate, cstate = self.cell(x[:, t, :], (hstate, cstate))
            hidden_states = hidden_states.write(t + 1, hstate)
            cell_states = cell_states.write(t + 1, cstate)
        return hstate

    @tf.function
    def zero_states(self, batch_size):
        return (tf.zeros(shape=(batch_size, self.cell.units)), tf.zeros(shape=(batch_size, self.cell.units)))


class LSTMModel(tf.keras.Model):
    def __init__(self, units, batchsize):
        super(LSTMModel, self).__init__()
        self.batchsize = batchsize
        self.embedding = tf.keras.layers.Dense(24, activation='sigmoid')
        self.lstmLayer = LSTM_Layer(LSTM_Cell(units))
        self.out = tf.keras.layers.Dense(1, activation="sigmoid")

    @tf.function
    def call(self, data):
        first_states = self.lstmLayer.zero_states(self.batchsize)
        x = self.embedding(data)
        x = self.lstmLayer(x=x, states=first_states)
        x = self.out(x)
        return x


def build_model():
    model = LSTMModel(units=8, batchsize=2)
    data = np.random.default_rng(0).random((2, 5, 3)).astype("float32")
    return model, data
