"""Correct: the "RNNColorbot" of the TensorFlow 2.x Tutorials - a subclassed Model that keeps its
`LSTMCell`s in a plain list attribute, unrolls them by hand over time in `call()` (one cell object
called at every time step), and builds each layer's initial state with `tf.zeros` inside `call()`.

Looks like several tracking bugs: sublayers held in a Python list (`self.cells = [...]`), a cell
re-used T times per call (shared layer), state tensors created per call, no `build()`, and the
cells are only ever called from inside a Python loop over `tf.unstack`ed time steps. On Keras 3 the
list is tracked, every cell is built by its first call and keeps one set of weights, the
per-call `tf.zeros` are initial states (not weights), and all weights get gradients.

Porting edits: none to the model (`from tensorflow import keras` resolves to Keras 3); sizes are
small (two cells of 8 and 4 units, 3 labels, 5 time steps of 256-wide one-hot characters);
`build_model()` returns the model with one `(chars, sequence_length)` batch, as the tutorial's
training loop feeds it.
"""

SOURCE = "https://github.com/dragen1860/TensorFlow-2.x-Tutorials/blob/6f7a2a380ff0b023ae2786e08fb2bf66a8f48730/lesson19-ColorBot/model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okn_dragen_colorbot_lstm_cells_list_unrolled_by_hand.py:
as returned: RNNColorbot, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['LSTMCell:lstm_cell', 'LSTMCell:lstm_cell_1', 'Dense:dense']
after call: count_params() = 8703, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(unbuilt before the first call is the normal lazy build of a subclassed model)
Own script (/tmp/mine16b/colorbot_check.py): weights 8 params 8703 ['lstm_cell/kernel', 'lstm_cell/recurrent_kernel',
'lstm_cell/bias', 'lstm_cell_1/kernel', 'lstm_cell_1/recurrent_kernel', 'lstm_cell_1/bias', 'dense/kernel', 'dense/bias'];
None grads: []; one SGD step changed all 8; weights after another call: 8 (was 8)."""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class RNNColorbot(keras.Model):
    """
    Multi-layer (LSTM) RNN that regresses on real-valued vector labels.
    """

    def __init__(self, rnn_cell_sizes, label_dimension, keep_prob):
        super(RNNColorbot, self).__init__(name="")

        self.rnn_cell_sizes = rnn_cell_sizes
        self.label_dimension = label_dimension
        self.keep_prob = keep_prob

        self.cells = [keras.layers.LSTMCell(size) for size in rnn_cell_sizes]
        self.relu = keras.layers.Dense(label_dimension, activation=tf.nn.relu)

    def call(self, inputs, training=None):
        (chars, sequence_length) = inputs
        # Transpose the first and second dimensions so that chars is of shape
        # [time_steps, batch_size, dimension].
        chars = tf.transpose(chars, [1, 0, 2])
        # The outer loop cycles through the layers of the RNN; the inner loop
        # executes the time steps for a particular layer.
        batch_size = int(chars.shape[1])
        for l in range(len(self.cells)):  # for each layer
            cell = self.cells[l]
            outputs = []
            # h_zero, c_zero
            state = (tf.zeros((batch_size, self.rnn_cell_sizes[l])),
                     tf.zeros((batch_size, self.rnn_cell_sizes[l])))
            # Unstack the inputs to obtain a list of batches, one for each time step.
            chars = tf.unstack(chars, axis=0)
            for ch in chars:  # for each time stamp
                output, state = cell(ch, state)
                outputs.append(output)
            # The outputs of this layer are the inputs of the subsequent layer.
            # [t, b, h]
            chars = tf.stack(outputs, axis=0)
            if training:
                chars = tf.nn.dropout(chars, self.keep_prob)
        batch_range = [i for i in range(batch_size)]
        # stack [64] with [64] => [64, 2]
        indices = tf.stack([sequence_length - 1, batch_range], axis=1)
        # [t, b, h]
        hidden_states = tf.gather_nd(chars, indices)
        return self.relu(hidden_states)


def build_model():
    model = RNNColorbot(rnn_cell_sizes=[8, 4], label_dimension=3, keep_prob=0.5)
    rng = np.random.default_rng(0)
    chars = np.eye(256, dtype="float32")[rng.integers(0, 256, (2, 5))]
    sequence_length = np.array([5, 3], dtype="int32")
    return model, (chars, sequence_length)
