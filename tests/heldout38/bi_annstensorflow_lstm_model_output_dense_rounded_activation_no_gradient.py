"""A course LSTM for a noise-integration sequence task ends in `Dense(5, activation=lambda x:
tf.round(tf.nn.sigmoid(x)))`: the rounding has no gradient, so none of the model's weights (output Dense, the
four gate Denses of the hand-written LSTM cell) ever gets one (LD009).

From LDankert/ANNs-Tensorflow, `Homework07/` (the IANNWTF course's "context-sensitive integration" task: a
sequence of noise values, target = whether their running integral exceeds a threshold). `lstm_cell.py`'s
`LSTM_Cell(Layer)` makes forget/input/output/candidate `Dense` gates in `__init__` and updates (h, c) in `call`;
`lstm_layer.py`'s `LSTM_Layer(Layer)` unrolls it over time with a `tf.TensorArray`; `model.py`'s
`LSTM_Model(Model)` holds `self.layer = LSTM_Layer(LSTM_Cell(32))` and `self.outputs = Dense(5, activation=(lambda
x: tf.round(tf.nn.sigmoid(x))))`, and its `@tf.function` `call` runs zero states, the LSTM layer and the output
Dense. The intent is a 0/1 prediction; the effect is that `tf.round` cuts every gradient path, so the
`train_step` in `preprocessing.py` (a GradientTape over `model.trainable_variables`) has nothing to apply. (The
LSTM layer's transpose of the stacked states is also odd; it does not matter for the weights.)

Porting edits: `model.py` imports `Output_layer` from an `output_layer` module that is not in the repository and
is never used: the import is dropped; the three classes are put in this file; the debugging `print(x)` in
`LSTM_Model.call` is kept. build_model() builds `LSTM_Model()` and returns it with a batch of 4 sequences of
length 5 with one feature, the shape `main.py`'s dataset yields (`sequence_length = 5`, `(5, 1)` inputs).
"""

SOURCE = "https://github.com/LDankert/ANNs-Tensorflow/blob/5098e7c04c09bdefe34a8521ce9513b0ecf27b65/Homework07/model.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/bi_annstensorflow_lstm_model_output_dense_rounded_activation_no_gradient.py:
Tensor("lstm__layer_1/transpose_1:0", shape=(32, 4, 2, 5), dtype=float32)
as returned: LSTM_Model, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['LSTM_Layer:lstm__layer', 'LSTM_Cell:lstm__cell', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense', 'Dense:dense_4']
after call: count_params() = 4382, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 10 of 10 trainable weights: ['lstm__model/lstm__layer/lstm__cell/dense/kernel', 'lstm__model/lstm__layer/lstm__cell/dense/bias', 'lstm__model/lstm__layer/lstm__cell/dense_1/kernel', 'lstm__model/lstm__layer/lstm__cell/dense_1/bias', 'lstm__model/lstm__layer/lstm__cell/dense_2/kernel', 'lstm__model/lstm__layer/lstm__cell/dense_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lstm__layer': 4352, 'lstm__cell': 4352}
second call: 0 variables watched that the first call did not use
(the first line is the model's own print(x) while tracing; all 10 weights, the four gate Denses and the output Dense,
have a None gradient through tf.round.)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Layer, Dense


class LSTM_Cell(Layer):

    # initialize 4 gates: forget
    def __init__(self, units):
        super(LSTM_Cell, self).__init__()
        self.units = units
        # forget gate with activation function sigmoid and 1 as bias
        self.forgetGate = Dense(self.units, activation="sigmoid", bias_initializer='Ones')
        # input gate with activation function sigmoid
        self.inputGate = Dense(self.units, activation="sigmoid")
        # output gate with activation function sigmoid
        self.outputGate = Dense(self.units, activation="sigmoid")
        # cell state candidates gate with activation function tangents hyperbolic
        self.cellStateCandidates = Dense(self.units, activation="tanh")

    # the call function, takes the input x and the states from the previous time step as tuple
    def call(self, x, states):
        # splits the tuple
        hidden_state, cell_state = states
        # concatenate the h_t-1 and the input x
        input_states = tf.concat([hidden_state, x], axis=-1)
        # calculate the next cell state from the forgetGate, inputGate
        next_cell_state = tf.multiply(self.forgetGate(input_states), cell_state) + \
                          tf.multiply(self.inputGate(input_states), self.cellStateCandidates(input_states))
        # calculate the next hidden state from the output gate and the next cell state
        next_hidden_state = tf.multiply(self.outputGate(input_states), tf.math.tanh(next_cell_state))

        return next_hidden_state, next_cell_state


class LSTM_Layer(Layer):

    def __init__(self, cells):
        super(LSTM_Layer, self).__init__()
        self.cells = cells

    def call(self, x, states):
        x = tf.transpose(x, [1,0,2])
        max_seq_len = x.shape[0]
        new_stats = tf.TensorArray(tf.float32, size=max_seq_len)
        state = states
        for i in range(max_seq_len):
            state = self.cells(x[i],state)
            new_stats = new_stats.write(i, state)
        #return tf.transpose(new_stats.stack())
        return tf.transpose(new_stats.stack())

    def zero_states(self, batch_size):
        return tf.zeros([batch_size, self.cells.units]), tf.zeros([batch_size, self.cells.units])


class LSTM_Model(Model):

    def __init__(self):
        super(LSTM_Model, self).__init__()
        self.layer = LSTM_Layer(LSTM_Cell(32))
        self.outputs = Dense(5, activation= (lambda x: tf.round(tf.nn.sigmoid(x))))

    @tf.function
    def call(self,x):
        states = self.layer.zero_states(x.shape[0])
        x = self.layer(x, states)
        print(x)
        x = self.outputs(x)
        return x


def build_model():
    model = LSTM_Model()
    x = np.random.default_rng(0).uniform(-1, 1, size=(4, 5, 1)).astype("float32")
    return model, x
