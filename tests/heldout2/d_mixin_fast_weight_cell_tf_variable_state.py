"""A fast-weights RNN cell built with the dropout-cell mixin keeps its fast weight matrix `A` as a
non-trainable `tf.Variable` and updates it with `assign` in `call()`.

The report's `FastWeightRNNCell(DropoutRNNCellMixin, Layer)` first failed updating `A` by hand and was
"solved" by `self.A = tf.Variable(np.zeros((units, units)), trainable=False)`. Ported to Keras 3: the
Keras 3 dropout-cell mixin, `add_weight` for the slow weights, and the `tf.Variable` for `A` kept (made
in `build()`). Keras 3 does not track the `tf.Variable`: it is not in the layer's weights, not counted,
not saved; and the cell's `call()` mutates layer state instead of carrying it in the RNN state.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/33477"
CODES = ("LD003",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py d_mixin_fast_weight_cell_tf_variable_state.py:
as returned: Functional, count_params() = 68, 4 weights, unbuilt: none
after call: count_params() = 68, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fast_weight_rnn_cell': 54}
second call: 0 variables watched that the first call did not use
by hand (same setup): cell.weights == [kernel, recurrent_kernel], 0 non-trainable weights; the 6x6 `A`
is not in model.weights (not counted, not saved) yet one inference call changed its value."""

import keras
import numpy as np
import tensorflow as tf
from keras.src.layers.rnn.dropout_rnn_cell import DropoutRNNCell


class FastWeightRNNCell(DropoutRNNCell, keras.layers.Layer):
    def __init__(self, units, learning_rate=0.5, decay_rate=0.9, dropout=0.0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units
        self.eta = learning_rate
        self.lam = decay_rate
        self.dropout = dropout
        self.recurrent_dropout = 0.0
        self.seed_generator = keras.random.SeedGenerator(3)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units), name="recurrent_kernel")
        self.A = tf.Variable(np.zeros((self.units, self.units)), name="fast_weight_matrix",
                             dtype="float32", trainable=False)

    def call(self, inputs, states, training=False):
        h_prev = states[0] if isinstance(states, (list, tuple)) else states
        mask = self.get_dropout_mask(inputs)
        if training and mask is not None:
            inputs = inputs * mask
        outer = tf.reduce_mean(h_prev[:, :, None] * h_prev[:, None, :], axis=0)
        self.A.assign(self.lam * self.A + self.eta * outer)
        h = tf.tanh(tf.matmul(inputs, self.kernel) + tf.matmul(h_prev, self.recurrent_kernel + self.A))
        return h, [h]


def build_model():
    sequences = keras.Input((5, 3))
    x = keras.layers.RNN(FastWeightRNNCell(6))(sequences)
    return keras.Model(sequences, keras.layers.Dense(2)(x))
