"""The RNN guide's `MinimalRNNCell`: `state_size` declared, kernels made with `add_weight` in `build()`, wrapped in `keras.layers.RNN`.

A cell whose `call()` returns a list `[output]` as the new state and whose weights are only used
through the RNN wrapper looks unusual; it is the documented way to write a custom cell.
"""

SOURCE = "https://keras.io/guides/working_with_rnns/"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_minimal_rnn_cell_weights_in_build.py:
as returned: Functional, count_params() = 1217, 4 weights, unbuilt: none
after call: count_params() = 1217, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'minimal_rnn_cell': 1184}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class MinimalRNNCell(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="uniform", name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units), initializer="uniform",
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        prev_output = states[0]
        h = ops.matmul(inputs, self.kernel)
        output = h + ops.matmul(prev_output, self.recurrent_kernel)
        return output, [output]


def build_model():
    inputs = keras.Input((None, 5))
    x = keras.layers.RNN(MinimalRNNCell(32))(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
