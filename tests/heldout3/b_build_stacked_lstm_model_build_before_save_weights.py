"""A subclassed `StackedLSTM` model is built with `model.build(input_shape=...)` and its initial weights saved.

The TEP-meets-LSTM notebook (TF 2 version) defines `StackedLSTM(tf.keras.Model)` with Dense -> LSTM ->
LSTM -> Dense created in `__init__` and a plain `call`, then runs `model.build(input_shape=(None, 128, 11))`
and `model.save_weights(...)` before its custom training loop. On TF 2.16+/Keras 3 this warned that the
model "does not have a build() method implemented and it looks like it has unbuilt state"; the fix
(PR #7) added a `build()` that builds each sublayer in turn. Without it nothing is created.
"""

SOURCE = "https://github.com/gmxavier/TEP-meets-LSTM/pull/7"
CODES = ("LD005",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_build_stacked_lstm_model_build_before_save_weights.py:
warning: `build()` was called on layer 'stacked_lstm', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, de
as returned: StackedLSTM, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'LSTM:lstm', 'LSTMCell:lstm_cell', 'LSTM:lstm_1', 'LSTMCell:lstm_cell']
no inputs known: not called"""

import keras
from keras import initializers, layers


class StackedLSTM(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense1 = layers.Dense(32, activation="relu",
                                   kernel_initializer=initializers.RandomNormal(stddev=1.0),
                                   bias_initializer=initializers.RandomNormal(stddev=1.0))
        self.dense2 = layers.Dense(8,
                                   kernel_initializer=initializers.RandomNormal(mean=1.0, stddev=1.0),
                                   bias_initializer=initializers.RandomNormal(stddev=1.0))
        self.lstm1 = layers.LSTM(32, return_sequences=True)
        self.lstm2 = layers.LSTM(32)

    def call(self, x):
        x = self.dense1(x)
        x = self.lstm1(x)
        x = self.lstm2(x)
        return self.dense2(x)


def build_model():
    model = StackedLSTM()
    model.build(input_shape=(None, 128, 11))  # followed by save_weights(...) in the notebook
    return model
