"""A liquid-time-constant RNN cell sets `self.units` before `super().__init__()`, `state_size` after it, and
ends `build()` with `self.built = True` instead of `super().build()`; all three weights are tracked and trained.

From danindiana/python_GPT `liquid_time_networks/ltc_network_refactored.py` (a "Liquid Time-constant Network"
cell for sequence data). `LTCCell(Layer).__init__` assigns `self.units = units`, calls
`super(LTCCell, self).__init__(**kwargs)`, then sets `state_size`/`output_size`; `build()` creates `kernel`,
`recurrent_kernel` and a per-unit `leakage` with `add_weight` and sets `self.built = True` by hand; `call(inputs,
states)` mixes `leakage * prev_output` with the usual RNN affine map through a sigmoid. A setting assigned before the
base constructor (LD013's "called late") and a build that never reaches `Layer.build` look like trouble; measured,
the int attribute survives, the cell builds inside `keras.layers.RNN` and its 3 weights are counted and get
gradients.

Porting edits: the file is a snippet without imports; `import tensorflow as tf` and
`from tensorflow.keras.layers import Layer` are added. build_model() wires the cell the way such cells are used:
`Input((20, 4))`, `RNN(LTCCell(16))`, `Dense(1)` (a one-step forecast).
"""

SOURCE = "https://github.com/danindiana/python_GPT/blob/5e0d9594e3d4315961aa9748d541788122aa806c/liquid_time_networks/ltc_network_refactored.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/okbi_pythongpt_ltccell_units_before_super_built_flag_set_by_hand.py:
as returned: Functional, count_params() = 353, 5 weights, unbuilt: none
after call: count_params() = 353, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ltc_cell': 336}
second call: 0 variables watched that the first call did not use
(ltc_cell 336 = kernel 4x16 + recurrent_kernel 16x16 + leakage 16.)"""

import tensorflow as tf
from tensorflow.keras.layers import Layer


class LTCCell(Layer):
    def __init__(self, units, **kwargs):
        self.units = units
        super(LTCCell, self).__init__(**kwargs)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer='uniform',
                                      name='kernel')
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, self.units),
            initializer='uniform',
            name='recurrent_kernel')
        self.leakage = self.add_weight(shape=(self.units,),
                                       initializer='uniform',
                                       name='leakage')
        self.built = True

    def call(self, inputs, states):
        prev_output = states[0]

        # Leakage term
        leak = self.leakage * prev_output

        # Normal RNN computation
        h = tf.matmul(inputs, self.kernel) + tf.matmul(prev_output, self.recurrent_kernel)

        # Sigmoidal nonlinearity modulation
        output = tf.sigmoid(leak + h)

        return output, [output]


def build_model():
    inputs = tf.keras.Input(shape=(20, 4))
    x = tf.keras.layers.RNN(LTCCell(16))(inputs)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
