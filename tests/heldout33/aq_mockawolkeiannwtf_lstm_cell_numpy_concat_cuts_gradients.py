"""A course homework's LSTM cell glues its input and hidden state with `np.concatenate` and forms the
new hidden state with `np.multiply`: the tensors become NumPy arrays, so the gate Dense layers and the
input Dense get no gradient (the author's train step hides the `None`s with UnconnectedGradients.ZERO).

From MockaWolke/iannwtf1 (`lstm_from_scratch.ipynb`, an LSTM-from-scratch homework of the Osnabrück
course "Implementing Artificial Neural Networks with TensorFlow", trained on the "integration task":
is the sum of 5 noise samples positive?). `LSTM_Cell` creates forget/input/candidate/output gate Dense
layers in `__init__`; its `call(input_t, hidden_state, cell_state)` computes
`con_input = np.concatenate([input_t, hidden_state], axis=1)` and returns
`np.multiply(output_mask, tf.nn.tanh(new_cell_state))` as the hidden state. `LSTMWrapper` (holding the
cell it is given) unrolls `seq_len` steps; `RNN_Model` is Dense(seq_len) -> LSTMWrapper(LSTM_Cell(2))
started from `zeros(8)` states -> Dense(1) on every hidden state. The notebook's `train_step` calls
`tape.gradient(..., unconnected_gradients=tf.UnconnectedGradients.ZERO)`, so training runs and
only the final Dense learns. All weights are tracked and counted; they just never train.

Porting edits: none to the classes (`seq_len = 5` is the notebook's global). build_model(): the
notebook's `RNN_Model()` and one batch of 8 sequences of 5 one-feature steps (the batch size is
hard-coded by `zeros(8)`), returned as (model, inputs); the model is used eagerly, as in the
notebook's own training loop.
"""

SOURCE = "https://github.com/MockaWolke/iannwtf1/blob/acc3e5e6d76c0ee428217d004d94b38989e48e7d/lstm_from_scratch.ipynb"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aq_mockawolkeiannwtf_lstm_cell_numpy_concat_cuts_gradients.py:
as returned: RNN_Model, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'LSTMWrapper:lstm_wrapper', 'LSTM_Cell:lstm__cell', 'Dense:dense_4', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense_5']
after call: count_params() = 77, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 10 of 12 trainable weights: ['rnn__model/dense/kernel', 'rnn__model/dense/bias', 'rnn__model/lstm_wrapper/lstm__cell/dense_1/kernel', 'rnn__model/lstm_wrapper/lstm__cell/dense_1/bias', 'rnn__model/lstm_wrapper/lstm__cell/dense_2/kernel', 'rnn__model/lstm_wrapper/lstm__cell/dense_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lstm_wrapper': 64, 'lstm__cell': 64}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf

seq_len = 5


class LSTM_Cell(tf.keras.layers.Layer):
    
    def __init__(self, units, kernel_regularizer=None ):
        super(LSTM_Cell, self).__init__()
        
        self.units = units
        
        self.forget_layer = tf.keras.layers.Dense(units, 
                                                  kernel_regularizer=kernel_regularizer, 
                                                   activation="sigmoid",
                                                  bias_initializer='ones')
        self.input_layer = tf.keras.layers.Dense(units, 
                                                  kernel_regularizer=kernel_regularizer, 
                                                 activation="sigmoid")

        self.candidates_layer = tf.keras.layers.Dense(units, 
                                                 kernel_regularizer=kernel_regularizer, 
                                                 activation="tanh")
        
        self.output_layer = tf.keras.layers.Dense(units, 
                                                 kernel_regularizer=kernel_regularizer, 
                                                 activation="sigmoid")

    def call(self, input_t,hidden_state, cell_state):

        con_input = np.concatenate([input_t,hidden_state],axis=1)

        forget_mask = self.forget_layer(con_input)

        cell_after_forget = tf.math.multiply(forget_mask,hidden_state)
        
        input_mask = self.input_layer(con_input)
        candidates = self.candidates_layer(con_input)
        new_cell_state = tf.math.add(cell_after_forget,tf.math.multiply(input_mask,candidates))
        output_mask = self.output_layer(con_input)
        
        new_hidden_state = np.multiply(output_mask,tf.nn.tanh(new_cell_state))
        
        return new_hidden_state, new_cell_state


class LSTMWrapper(tf.keras.layers.Layer):
    
    def __init__(self, LSTM_Cell):
        super(LSTMWrapper, self).__init__()
        
        self.cell = LSTM_Cell

    def call(self, data, hs, cs):
        out = []
        hidden_state = hs
        cell_state = cs
        for t in range(seq_len):
            hidden_state, cell_state = self.cell(data[:,t,:], hidden_state,cell_state)
            out.append(hidden_state)
        
        return out

    def zeros(self, batch_size):
        return tf.zeros((batch_size, self.cell.units), dtype=tf.float32)


class RNN_Model(tf.keras.Model):

    def __init__(self):
        super(RNN_Model, self).__init__()
        self.input_ly = tf.keras.layers.Dense(units=seq_len, activation='sigmoid')
        self.LSTM =  LSTMWrapper(LSTM_Cell(2))
        self.output_ly = tf.keras.layers.Dense(units=1, activation='sigmoid')

    def call(self,data):
        x = self.input_ly(data)
        x= self.LSTM(x,self.LSTM.zeros(8),self.LSTM.zeros(8))
        return [self.output_ly(val) for val in x]


def build_model():
    model = RNN_Model()
    batch = np.random.default_rng(0).normal(size=(8, seq_len, 1)).astype("float32")
    return model, batch
