"""A layer wrapping `RNN(LSTMCell)`, a Dense made with `input_shape=` in `__init__` and a Reshape made in a `build()` that only sets `self.built = True`: all called, all tracked.

From SerTelnov/landscape-forecasting (`python/dlf/bid_rnn.py`, `BidRNNLayer`), the plain-RNN sibling of the
`AttentionRNNLayer` bug case of this collection (same author, same shape). `__init__` makes
`self.rnn = layers.RNN(layers.LSTMCell(units), return_sequences=True)`, a `Softmax()` and
`self.dense = layers.Dense(units=1, input_shape=(-1, units, 1))`, and sets `self.reshape = None`; `build()` creates
`self.reshape = layers.Reshape((input_shape[1],))` and sets `self.built = True` without calling `super().build()`
(a Myth in the catalog). Here every sublayer is used in `call()`: RNN -> softmax -> Dense -> Reshape -> sigmoid. A
checker could flag the Reshape made in `build()` and never built there (LD005), the Dense given an `input_shape` by
hand (LD004-shaped), or the attribute first set to None. On Keras 3 the LSTM cell and the Dense are tracked,
built on the first call, counted, and get gradients (Keras only warns about `input_shape`).

Porting edits: `tf.keras` is `keras`; nothing else. `build_model()` wires `Input((20, 8)) -> BidRNNLayer(32)`,
as in the author's model, where the per-step bid-price sequence is turned into one probability per step.
"""

SOURCE = "https://github.com/SerTelnov/landscape-forecasting/blob/111dba25f40a772eef8dc2437a855602382eaafc/python/dlf/bid_rnn.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbd_landscapeforecasting_bidrnnlayer_rnn_cell_dense_reshape_in_build_all_called.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 5281, 5 weights, unbuilt: none
after call: count_params() = 5281, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bid_rnn_layer': 5281}
second call: 0 variables watched that the first call did not use"""

import keras
import keras.layers as layers


class BidRNNLayer(layers.Layer):

    def __init__(self, units):
        super(BidRNNLayer, self).__init__()
        self.rnn = layers.RNN(layers.LSTMCell(units), return_sequences=True)
        self.softmax = layers.Softmax()
        self.dense = layers.Dense(
            units=1,
            input_shape=(-1, units, 1)
        )
        self.reshape = None

    def build(self, input_shape):
        self.reshape = layers.Reshape((input_shape[1],))
        self.built = True

    def call(self, inputs, **kwargs):
        x = self.rnn(inputs)
        x = self.softmax(x)
        x = self.dense(x)
        x = self.reshape(x)
        x = keras.activations.sigmoid(x)
        return x


def build_model():
    inputs = keras.Input(shape=(20, 8))
    outputs = BidRNNLayer(32)(inputs)
    return keras.Model(inputs, outputs)
