"""Subclassed LSTM regressor "built" with model.build((None, 100, 64)) before summary: every sublayer stays unbuilt.

A reusable class in a personal deep-learning notebook repository: `LSTMModel(tf.keras.Model)` creates two
stacked LSTMs and two Dense heads in `__init__`, has no `build()`, and the example usage compiles it, calls
`model.build(input_shape=(None, 100, 64))` and prints `model.summary()`. On Keras 3 `build()` on a
subclassed model without its own `build()` does not trace `call()`: the summary reports 0 parameters and
every row says `0 (unbuilt)`; only the first call on data creates the weights.
"""

SOURCE = "https://github.com/asmirprepic/DeepLearningStuff/blob/main/Classes/lstm_model.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py z_lstm_regressor_build_only.py:
warning: `build()` was called on layer 'lstm_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
as returned: LSTMModel, count_params() = 0, 0 weights, unbuilt: ['LSTM:lstm', 'LSTMCell:lstm_cell', 'LSTM:lstm_1', 'LSTMCell:lstm_cell', 'Dense:dense', 'Dense:dense_1']
after call: count_params() = 6017, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers


class LSTMModel(tf.keras.Model):
    def __init__(self, units, num_outputs):
        super(LSTMModel, self).__init__()
        # Define layers
        self.lstm1 = layers.LSTM(units, return_sequences=True)
        self.lstm2 = layers.LSTM(units)
        self.dense = layers.Dense(128, activation="relu")
        self.output_layer = layers.Dense(num_outputs)

    def call(self, inputs, training=False):
        x = self.lstm1(inputs)
        x = self.lstm2(x)
        x = self.dense(x)
        return self.output_layer(x)


def make_regressor(units=16, num_outputs=1, timesteps=100, features=64):
    model = LSTMModel(units=units, num_outputs=num_outputs)
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    model.build(input_shape=(None, timesteps, features))
    return model


def build_model():
    import numpy as np

    model = make_regressor(units=16, num_outputs=1, timesteps=10, features=8)
    x = np.random.default_rng(0).random((2, 10, 8)).astype("float32")
    return model, x
