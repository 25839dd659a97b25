"""StopLossModel's time-series `Attention` layer calls `super().__init__(name=name)`, sets `self.return_sequences`, then calls `super().__init__(**kwargs)` a second time; as the repository uses it (no name passed) nothing is lost: the flag survives, the two weights are tracked and trained.

From StopLossModel/StopLossModel, `Model/attention.py` (the attention layer of the LSTM price-prediction branch in
`Model/stop_loss.py`, `Attention(return_sequences=True)` between a stacked LSTM and a Conv1D decoder). Calling
`Layer.__init__` twice with a plain attribute set in between looks like LD013 (super init late / state set before
the base init): the second call re-runs the Keras base initialisation after the layer set something. On Keras 3 it
only re-creates the tracker and the auto name; `return_sequences` is an ordinary Python attribute and stays, and
the weights are made later in `build()`. Doubt kept as decided: had a caller passed `name=...`, the second call
(with `**kwargs` only) would replace it by an auto name; the repository never passes one.

Porting edits: `tf.keras.backend.dot` (absent from Keras 3) is `keras.ops.matmul`, `tf.keras.backend.sum` is
`keras.ops.sum`; the `tensorflow.python.keras` Activation import of stop_loss.py is `keras.layers.Activation`.
build_model() wires `StopLossPrediction.build_price_predict_branch` as written (LSTM 320 units cut to 16, Conv1D 64
to 8) on (None, 20, 9) windows and returns the functional model.
"""

SOURCE = "https://github.com/StopLossModel/StopLossModel/blob/c8e12192e7e80fe68e490e97dfba0c87fa3d5963/Model/attention.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bq/okbq_stoplossmodel_attention_super_init_called_twice_return_sequences_set_between.py:
as returned: Functional, count_params() = 4157, 12 weights, unbuilt: none
after call: count_params() = 4157, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_1': 36}
second call: 0 variables watched that the first call did not use
probe (probe_stoploss.py): Attention(return_sequences=False).return_sequences == False after the second init (kept);
in the model the layer holds att_weight and att_bias, 2 trainable; Attention(name="att").name == 'attention_2' (a
passed name is lost, the doubt noted above; the repository passes none)."""

import keras
import tensorflow as tf
from keras.layers import Activation, Conv1D, Dense, Dropout, Flatten, Input, LSTM, MaxPooling1D
from keras.models import Model


class Attention(tf.keras.layers.Layer):

    def __init__(self, return_sequences=True, name=None, **kwargs):
        super(Attention, self).__init__(name=name)
        self.return_sequences = return_sequences
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):

        self.W = self.add_weight(name="att_weight", shape=(input_shape[-1], 1),
                                 initializer="glorot_uniform", trainable=True)
        self.b = self.add_weight(name="att_bias", shape=(input_shape[1], 1),
                                 initializer="glorot_uniform", trainable=True)

        super(Attention, self).build(input_shape)

    def call(self, x):

        e = tf.keras.activations.tanh(keras.ops.matmul(x, self.W) + self.b)  # porting edit: K.dot
        a = tf.keras.activations.softmax(e, axis=1)
        output = x * a

        if self.return_sequences:
            return output

        return keras.ops.sum(output, axis=1)  # porting edit: K.sum

    def get_config(self):
        config = super().get_config().copy()
        config.update({
            'return_sequences': self.return_sequences
        })
        return config


def build_price_predict_branch(inputs):
    x = LSTM(units=16, return_sequences=True)(inputs)
    x = Activation(activation="relu")(x)
    x = Dropout(0.01)(x)
    x = LSTM(units=16, return_sequences=True)(x)
    x = Activation(activation="relu")(x)
    x = Attention(return_sequences=True)(x)

    x = Conv1D(filters=8, kernel_size=2, padding='same')(x)
    x = Activation(activation="relu")(x)
    x = MaxPooling1D(pool_size=2, padding='valid')(x)
    x = Flatten()(x)
    x = Dense(1)(x)
    x = Activation(activation="linear", name="price_predict")(x)
    return x


def build_model():
    inputs = Input(shape=(20, 9))
    return Model(inputs=inputs, outputs=build_price_predict_branch(inputs), name="price_branch")
