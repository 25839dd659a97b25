"""titu1994's Keras MinimalRNN cell reads its input kernel directly but its recurrent kernel and bias
only through per-gate slices taken once in `build()`: on Keras 3 the input kernel trains while the
recurrent kernel and the bias are frozen at their initial values.

`MinimalRNNCell.build` (keras-minimal-rnn, `minimal_rnn.py`, MinimalRNN of Chen 2017) creates
`kernel` (input -> z), `recurrent_kernel` (state -> u, two halves) and a 2-part `bias` with
`add_weight`, then stores `self.recurrent_kernel_u = self.recurrent_kernel[:, :units]`,
`self.recurrent_kernel_z = ...[:, units:]`, `self.bias_z = self.bias[:units]`,
`self.bias_u = self.bias[units:]`. Both branches of `call()` use `K.dot(inputs, self.kernel)` (the
variable) but only the cached slices for the recurrent part and the biases. Under TF1 graph mode the
slices stayed connected to the variables; built eagerly (Keras 3) they are constants, so the update
gate `u` never learns its recurrent weights and neither bias moves - a partial loss that a glance at
"the model trains" does not reveal.

Porting edits: `keras.backend` ops -> `keras.ops`; the `unit_forget_bias` concatenating initializer is
kept with `ops.concatenate`; the dropout-mask helpers are left out (dropout 0); the cell's
`self.input_spec = [InputSpec(ndim=3)]` is left out (a sequence-level spec on a step cell: Keras 3
builds the model but the first eager call raises "Input 0 ... of layer 'minimal_rnn_cell' is
incompatible with the layer: expected ndim=3, found ndim=2"); the `MinimalRNN(RNN)` wrapper is replaced by `keras.layers.RNN(cell)`;
`get_config` trimmed.
"""

SOURCE = "https://github.com/titu1994/keras-minimal-rnn/blob/42c5283/minimal_rnn.py"
CODES = ("LD010", "LD009")  # relabelled at the review (miner: ("LD009", "LD010")): every frozen copy made in build() is LD010 in this project, as LD010's catalog text says (heldout11 j_embedding_dense_transposed_kernel_in_init); the first measurement gives both readings
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/q_minimal_rnn_recurrent_kernel_and_bias_slices_cached_in_build.py:
as returned: Functional, count_params() = 185, 5 weights, unbuilt: none
after call: count_params() = 185, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 5 trainable weights: ['rnn/minimal_rnn_cell/recurrent_kernel', 'rnn/minimal_rnn_cell/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'minimal_rnn_cell': 176}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15a/probe.py): one SGD fit step changes 3 of 5 trainable weights (cell kernel and
the Dense head); warning "Gradients do not exist for variables ['rnn/minimal_rnn_cell/recurrent_kernel',
'rnn/minimal_rnn_cell/bias']"; assign(+0.5) leaves the output unchanged for recurrent_kernel and bias and
changes it for the cell kernel."""

import keras
from keras import activations, initializers, ops
from keras.layers import Layer


class MinimalRNNCell(Layer):
    def __init__(self, units,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 unit_forget_bias=True,
                 implementation=1,
                 **kwargs):
        super(MinimalRNNCell, self).__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.unit_forget_bias = unit_forget_bias
        self.implementation = implementation
        self.state_size = (self.units,)

    def build(self, input_shape):
        self.timestep_dim = 1 #input_shape[0]
        self.input_dim = input_shape[1]

        self.kernel = self.add_weight(shape=(self.input_dim, self.units),
                                      name='kernel',
                                      initializer=self.kernel_initializer)
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, self.units * 2),
            name='recurrent_kernel',
            initializer=self.recurrent_initializer)

        if self.use_bias:
            if self.unit_forget_bias:
                def bias_initializer(shape, *args, **kwargs):
                    return ops.concatenate([
                        self.bias_initializer((self.units,), *args, **kwargs),
                        initializers.Ones()((self.units,), *args, **kwargs),
                    ])
            else:
                bias_initializer = self.bias_initializer
            self.bias = self.add_weight(shape=(self.units * 2,),
                                        name='bias',
                                        initializer=bias_initializer)

        else:
            self.bias = None

        self.recurrent_kernel_u = self.recurrent_kernel[:, :self.units]
        self.recurrent_kernel_z = self.recurrent_kernel[:, self.units: self.units * 2]

        if self.use_bias:
            self.bias_z = self.bias[:self.units]
            self.bias_u = self.bias[self.units: self.units * 2]
        else:
            self.bias_z = None
            self.bias_u = None
        self.built = True

    def call(self, inputs, states, training=None):
        h_tm1 = states[0]  # previous memory state

        if self.implementation == 1:
            inputs_x = inputs

            x_z = ops.dot(inputs_x, self.kernel)
            if self.use_bias:
                x_z = ops.add(x_z, self.bias_z)

            h_tm1_u = h_tm1
            h_tm1_z = h_tm1

            z = self.activation(x_z)
            u = ops.dot(h_tm1_u, self.recurrent_kernel_u) + ops.dot(h_tm1_z, self.recurrent_kernel_z)
            if self.use_bias:
                u = ops.add(u, self.bias_u)
            u = self.recurrent_activation(u)

        else:
            z = ops.dot(inputs, self.kernel)
            if self.use_bias:
                z = ops.add(z, self.bias_z)
            z = self.activation(z)

            u = ops.dot(h_tm1, self.recurrent_kernel_u) + ops.dot(h_tm1, self.recurrent_kernel_z)
            if self.use_bias:
                u = ops.add(u, self.bias_u)
            u = self.recurrent_activation(u)

        h = u * h_tm1 + (1 - u) * z
        return h, [h,]


def build_model():
    ip = keras.Input(shape=(7, 4))
    x = keras.layers.RNN(MinimalRNNCell(8))(ip)
    out = keras.layers.Dense(1)(x)
    return keras.Model(ip, out)
