"""titu1994's JANET cell (the "unreasonable effectiveness of the forget gate" RNN) slices its kernel,
recurrent kernel and bias into per-gate pieces once in `build()`; with the default
`implementation=1`, `call()` only reads those slices, so on Keras 3 none of the three weights trains.

`JANETCell.build` (Keras-just-another-network-JANET, `janet.py`) copies the Keras 2.1 `LSTMCell`
pattern: after `add_weight` it stores `self.kernel_f = self.kernel[:, :self.units]`,
`self.kernel_c = ...`, `self.recurrent_kernel_f/_c` and `self.bias_f/_c`. Keras 2.1 on TF1 kept those
slices as graph ops on the variables; when the cell is built eagerly (Keras 3, tf.keras in TF2) each
slice is a constant tensor computed from the initial values. The default `implementation=1` branch of
`call()` uses only the slices, so the cell's three registered weights are counted but get no gradient;
the Dense head is the only thing that learns. (`implementation=2` reads `self.kernel` directly and
would train.)

Porting edits: `keras.backend` calls became `keras.ops`; the `ChronoInitializer` bias initializer
(a log-uniform forget-gate bias) is replaced by 'zeros' because it is irrelevant to the defect; the
dropout-mask helper is left out (dropout 0); the `JANET(RNN)` wrapper is replaced by
`keras.layers.RNN(JANETCell(...))`; `get_config` trimmed.
"""

SOURCE = "https://github.com/titu1994/Keras-just-another-network-JANET/blob/300b4d0/janet.py"
CODES = ("LD010", "LD009")  # relabelled at the review (miner: ("LD009", "LD010")): every frozen copy made in build() is LD010 in this project, as LD010's catalog text says (heldout11 j_embedding_dense_transposed_kernel_in_init); the first measurement gives both readings
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/q_janet_cell_gate_slices_cached_in_build.py:
warning: Maximum number of timesteps must be defined for this model for proper initialization. Defaulting to 1000.
as returned: Functional, count_params() = 185, 5 weights, unbuilt: none
after call: count_params() = 185, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 3 of 5 trainable weights: ['rnn/janet_cell/kernel', 'rnn/janet_cell/recurrent_kernel', 'rnn/janet_cell/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'janet_cell': 176}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15a/probe.py): one SGD fit step changes 2 of 5 trainable weights (only the Dense
head); warning "Gradients do not exist for variables ['rnn/janet_cell/kernel',
'rnn/janet_cell/recurrent_kernel', 'rnn/janet_cell/bias']"; assign(+0.5) to each of the three cell
weights leaves the output unchanged (assign to dense/kernel changes it)."""

import warnings

import keras
from keras import activations, initializers, ops
from keras.layers import Layer


class JANETCell(Layer):
    def __init__(self, units,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 beta=1.,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 implementation=1,
                 **kwargs):
        super(JANETCell, self).__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.beta = beta
        self.use_bias = use_bias

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.implementation = implementation
        self.state_size = (self.units, self.units)

    def build(self, input_shape):
        input_dim = input_shape[-1]

        if hasattr(self, 'timesteps') and self.timesteps is not None:
            self.max_timesteps = self.timesteps
        else:
            warnings.warn('Maximum number of timesteps must be defined for this model for proper '
                          'initialization. Defaulting to 1000.')
            self.max_timesteps = 1000

        self.kernel = self.add_weight(shape=(input_dim, self.units * 2),
                                      name='kernel',
                                      initializer=self.kernel_initializer)
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, self.units * 2),
            name='recurrent_kernel',
            initializer=self.recurrent_initializer)

        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units * 2,),
                                        name='bias',
                                        initializer=self.bias_initializer)
        else:
            self.bias = None

        self.kernel_f = self.kernel[:, :self.units]
        self.kernel_c = self.kernel[:, self.units: self.units * 2]

        self.recurrent_kernel_f = self.recurrent_kernel[:, :self.units]
        self.recurrent_kernel_c = self.recurrent_kernel[:, self.units: self.units * 2]

        if self.use_bias:
            self.bias_f = self.bias[:self.units]
            self.bias_c = self.bias[self.units: self.units * 2]
        else:
            self.bias_f = None
            self.bias_c = None
        self.built = True

    def call(self, inputs, states, training=None):
        h_tm1 = states[0]  # previous memory state
        c_tm1 = states[1]  # previous carry state

        if self.implementation == 1:
            inputs_f = inputs
            inputs_c = inputs

            x_f = ops.dot(inputs_f, self.kernel_f)
            x_c = ops.dot(inputs_c, self.kernel_c)

            if self.use_bias:
                x_f = ops.add(x_f, self.bias_f)
                x_c = ops.add(x_c, self.bias_c)

            h_tm1_f = h_tm1
            h_tm1_c = h_tm1

            f = self.recurrent_activation(x_f + ops.dot(h_tm1_f, self.recurrent_kernel_f))
            cf = self.recurrent_activation(x_f + ops.dot(h_tm1_f, self.recurrent_kernel_f) - self.beta)
            ci = self.activation(x_c + ops.dot(h_tm1_c, self.recurrent_kernel_c))

            c = f * c_tm1 + (1. - cf) * ci

        else:
            z = ops.dot(inputs, self.kernel)
            z += ops.dot(h_tm1, self.recurrent_kernel)
            if self.use_bias:
                z = ops.add(z, self.bias)

            z0 = z[:, :self.units]
            z1 = z[:, self.units: 2 * self.units]

            f = self.recurrent_activation(z0)
            c = f * c_tm1 + (1. - self.recurrent_activation(z0 - self.beta)) * self.activation(z1)

        h = c
        return h, [h, c]


def build_model():
    ip = keras.Input(shape=(5, 2))  # the adding problem: (value, marker) pairs
    x = keras.layers.RNN(JANETCell(8))(ip)
    out = keras.layers.Dense(1)(x)
    return keras.Model(ip, out)
