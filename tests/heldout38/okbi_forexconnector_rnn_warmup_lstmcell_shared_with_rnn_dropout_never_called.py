"""A forex forecaster reuses one LSTMCell both inside an RNN (warm-up) and step by step in a Python loop,
shares `dense1` between the two paths and never calls its `Dropout`; all weights are tracked and trained.

From slawyn/forex-connector `backend/ml_playground/scripts/models.py`, an autoregressive "feedback" model in the
style of the TensorFlow time-series tutorial: `__init__` makes `self.lstm_cell = LSTMCell(200)` and wraps the very
same cell in `self.lstm_rnn = RNN(self.lstm_cell, return_state=True)`; `warmup()` runs the RNN over the window,
then `call()` feeds each prediction back through `self.lstm_cell(...)` directly, through `dense1` again and
through `dense2`. `self.dropout` is assigned but never used. A naive checker would flag the cell held twice
(LD007 at most: it is one set of weights by design), `dense2` used only inside the loop, and the dropout never
called (LD005): but Dropout has no state, and `dense2` is built on the first call when `prediction_horizon > 1`.

Porting edits: none (tf.keras names map onto Keras 3). build_model() builds the multilayer variant with
`prediction_horizon=4, num_features=3` and returns it with a (2, 24, 3) input window; it is a subclassed model,
built by its first call.
"""

SOURCE = "https://github.com/slawyn/forex-connector/blob/28626d1296ce4a520c10c593f5d8776cab7382f3/backend/ml_playground/scripts/models.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/okbi_forexconnector_rnn_warmup_lstmcell_shared_with_rnn_dropout_never_called.py:
as returned: RNN_warmup_multilayer, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['LSTMCell:lstm_cell', 'RNN:rnn', 'Dense:dense', 'Dense:dense_1']
after call: count_params() = 163815, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(163815 = LSTMCell 163200 + dense1 603 + dense2 12: the cell is counted once although it is held by both
the model and the RNN; Dropout has no weights, so never calling it loses nothing.)"""

import numpy as np
import tensorflow as tf


class RNN_warmup_multilayer(tf.keras.Model):

    def __init__(self, prediction_horizon, num_features):
        lstm_units = 200

        super().__init__()
        self.out_steps = prediction_horizon
        self.units = lstm_units
        self.lstm_cell = tf.keras.layers.LSTMCell(lstm_units)
        self.lstm_rnn = tf.keras.layers.RNN(self.lstm_cell, return_state=True)
        self.dense1 = tf.keras.layers.Dense(num_features, activation='relu')
        self.dense2 = tf.keras.layers.Dense(num_features)
        self.dropout = tf.keras.layers.Dropout(rate=0.5)

    def warmup(self, inputs):
        x, *state = self.lstm_rnn(inputs)
        prediction = self.dense1(x)
        return prediction, state

    def call(self, inputs, training=None):
        predictions = []
        prediction, state = self.warmup(inputs)
        predictions.append(prediction)

        for n in range(1, self.out_steps):
            x = prediction
            x, state = self.lstm_cell(x, states=state, training=training)
            x = self.dense1(x)
            prediction = self.dense2(x)
            predictions.append(prediction)

        predictions = tf.stack(predictions)
        predictions = tf.transpose(predictions, [1, 0, 2])
        return predictions


def build_model():
    model = RNN_warmup_multilayer(prediction_horizon=4, num_features=3)
    x = np.random.default_rng(0).random((2, 24, 3)).astype("float32")
    return model, x
