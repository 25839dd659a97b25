"""Nested-LSTM's `NestedLSTMCell.build()` creates `input_kernel_1` and `kernel_1` with `add_weight` and stores only
`K.concatenate([input_kernel, hidden_kernel])` in `self.kernels`: on Keras 3 build runs eagerly, so the first level of
the cell multiplies by a constant snapshot of the two kernels, which are counted and saved but never get a gradient
(LD010: a frozen copy of weights computed in build and used in call; the symptom is LD009's).

From titu1994/Nested-LSTM (the Keras implementation of "Nested LSTMs", arXiv 1801.10308), `nested_lstm.py`; the
symptom was reported in the repository's issue #5 ("Gradients do not exist for variables
['lstm1/nested_lstm_cell/input_kernel_1:0']", TF 2.3 / Keras 2.4). The cell nests `depth` LSTM memories: level 0
reads `[inputs, h]` through the concatenated kernel, deeper levels read their own `kernel_i`; the author's
`imdb_nested_lstm.py` trains `Sequential([Embedding, NestedLSTM(32, depth=2), Dense(1, sigmoid)])` on IMDB.

Porting edits: `keras.engine.Layer` is `keras.layers.Layer`; the Keras 2 backend functions the cell calls are their
`keras.ops` equivalents (`K.concatenate` -> `ops.concatenate`, `K.dot` -> `ops.matmul`, `K.bias_add` -> `+`,
`K.ones_like` -> `ops.ones_like`); Keras 3 has no `keras.layers.recurrent._generate_dropout_mask`, so a two-line
equivalent is written out (only reached with dropout, which the model below does not use); `get_config` and the
`NestedLSTM(RNN)` wrapper class, which only forwards its arguments to the cell, are left out and the cell is wrapped in
`keras.layers.RNN` directly. The author's `if implementation != 1: warnings.warn(...)` (which fires for the default
`implementation=2`) is kept. build_model() builds the author's IMDB model with a 200-word vocabulary, 16-d embeddings
and 20-token inputs instead of 20000/128/500, and returns it.
Doubts kept: the Keras 2 report names only `input_kernel_1`; on Keras 3 both halves of the concatenation are frozen.
"""

SOURCE = "https://github.com/titu1994/Nested-LSTM/blob/5ad1939c18b9ce66b16fab0f48e0528e0c584876/nested_lstm.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
warning: Nested LSTMs only supports implementation 2 for the moment. Defaulting to implementation = 2
as returned: Sequential, count_params() = 17825, 8 weights, unbuilt: none
after call: count_params() = 17825, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 8 trainable weights: ['sequential/rnn/nested_lstm_cell/input_kernel_1', 'sequential/rnn/nested_lstm_cell/kernel_1']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'nested_lstm_cell': 14592}
second call: 0 variables watched that the first call did not use
(The warning is the author's own, fired for the default `implementation=2`. The level-1 kernel `kernel_2` and both
biases train; the embedding trains through the frozen level-0 kernel.)"""

import warnings

import keras
from keras import ops
from keras import activations
from keras import initializers
from keras import regularizers
from keras import constraints
from keras.layers import Layer


def _generate_dropout_mask(ones, rate, training=None, count=1):
    # stands for keras.layers.recurrent._generate_dropout_mask (Keras 2)
    return [keras.random.dropout(ones, rate) if training else ones for _ in range(count)]


class NestedLSTMCell(Layer):
    """Nested NestedLSTM Cell class.

    Derived from the paper [Nested LSTMs](https://arxiv.org/abs/1801.10308)
    Ref: [Tensorflow implementation](https://github.com/hannw/nlstm)
    """

    def __init__(self, units, depth,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 cell_activation='linear',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 unit_forget_bias=False,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 implementation=2,
                 **kwargs):
        super(NestedLSTMCell, self).__init__(**kwargs)

        if depth < 1:
            raise ValueError("`depth` must be at least 1. For better performance, consider using depth > 1.")

        if implementation != 1:
            warnings.warn(
                "Nested LSTMs only supports implementation 2 for the moment. Defaulting to implementation = 2")
            implementation = 2

        self.units = units
        self.depth = depth
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.cell_activation = activations.get(cell_activation)
        self.use_bias = use_bias

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.unit_forget_bias = unit_forget_bias

        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

        self.dropout = min(1., max(0., dropout))
        self.recurrent_dropout = min(1., max(0., recurrent_dropout))
        self.implementation = implementation
        self.state_size = tuple([self.units] * (self.depth + 1))
        self._dropout_mask = None
        self._nested_recurrent_masks = None

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernels = []
        self.biases = []

        for i in range(self.depth):
            if i == 0:
                input_kernel = self.add_weight(shape=(input_dim, self.units * 4),
                                               name='input_kernel_%d' % (i + 1),
                                               initializer=self.kernel_initializer,
                                               regularizer=self.kernel_regularizer,
                                               constraint=self.kernel_constraint)
                hidden_kernel = self.add_weight(shape=(self.units, self.units * 4),
                                                name='kernel_%d' % (i + 1),
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
                kernel = ops.concatenate([input_kernel, hidden_kernel], axis=0)
            else:
                kernel = self.add_weight(shape=(self.units * 2, self.units * 4),
                                         name='kernel_%d' % (i + 1),
                                         initializer=self.recurrent_initializer,
                                         regularizer=self.recurrent_regularizer,
                                         constraint=self.recurrent_constraint)
            self.kernels.append(kernel)

        if self.use_bias:
            if self.unit_forget_bias:
                def bias_initializer(_, *args, **kwargs):
                    return ops.concatenate([
                        self.bias_initializer((self.units,), *args, **kwargs),
                        initializers.Ones()((self.units,), *args, **kwargs),
                        self.bias_initializer((self.units * 2,), *args, **kwargs),
                    ])
            else:
                bias_initializer = self.bias_initializer

            for i in range(self.depth):
                bias = self.add_weight(shape=(self.units * 4,),
                                       name='bias_%d' % (i + 1),
                                       initializer=bias_initializer,
                                       regularizer=self.bias_regularizer,
                                       constraint=self.bias_constraint)
                self.biases.append(bias)
        else:
            self.biases = None

        self.built = True

    def call(self, inputs, states, training=None):
        if 0 < self.dropout < 1 and self._dropout_mask is None:
            self._dropout_mask = _generate_dropout_mask(
                ops.ones_like(inputs),
                self.dropout,
                training=training,
                count=1)
        if (0 < self.recurrent_dropout < 1 and
                self._nested_recurrent_masks is None):
            _nested_recurrent_mask = _generate_dropout_mask(
                ops.ones_like(states[0]),
                self.recurrent_dropout,
                training=training,
                count=self.depth)
            self._nested_recurrent_masks = _nested_recurrent_mask

        # dropout matrices for input units
        dp_mask = self._dropout_mask
        # dropout matrices for recurrent units
        rec_dp_masks = self._nested_recurrent_masks

        h_tm1 = states[0]  # previous memory state
        c_tm1 = states[1:self.depth + 1]  # previous carry states

        if 0. < self.dropout < 1.:
            inputs *= dp_mask[0]

        h, c = self.nested_recurrence(inputs,
                                      hidden_state=h_tm1,
                                      cell_states=c_tm1,
                                      recurrent_masks=rec_dp_masks,
                                      current_depth=0)

        if 0 < self.dropout + self.recurrent_dropout:
            if training is None:
                h._uses_learning_phase = True
        return h, c

    def nested_recurrence(self, inputs, hidden_state, cell_states, recurrent_masks, current_depth):
        h_state = hidden_state
        c_state = cell_states[current_depth]

        if 0.0 < self.recurrent_dropout <= 1. and recurrent_masks is not None:
            hidden_state = h_state * recurrent_masks[current_depth]

        ip = ops.concatenate([inputs, hidden_state], axis=-1)
        gate_inputs = ops.matmul(ip, self.kernels[current_depth])

        if self.use_bias:
            gate_inputs = gate_inputs + self.biases[current_depth]

        i = gate_inputs[:, :self.units]  # input gate
        f = gate_inputs[:, self.units * 2: self.units * 3]  # forget gate
        c = gate_inputs[:, self.units: 2 * self.units]  # new input
        o = gate_inputs[:, self.units * 3: self.units * 4]  # output gate

        inner_hidden = c_state * self.recurrent_activation(f)

        if current_depth == 0:
            inner_input = self.recurrent_activation(i) + self.cell_activation(c)
        else:
            inner_input = self.recurrent_activation(i) + self.activation(c)

        if (current_depth == self.depth - 1):
            new_c = inner_hidden + inner_input
            new_cs = [new_c]
        else:
            new_c, new_cs = self.nested_recurrence(inner_input,
                                                   hidden_state=inner_hidden,
                                                   cell_states=cell_states,
                                                   recurrent_masks=recurrent_masks,
                                                   current_depth=current_depth + 1)

        new_h = self.activation(new_c) * self.recurrent_activation(o)
        new_cs = [new_h] + new_cs

        return new_h, new_cs


def build_model():
    max_features = 200
    maxlen = 20
    model = keras.Sequential()
    model.add(keras.Input(shape=(maxlen,), dtype="int32"))
    model.add(keras.layers.Embedding(max_features, 16))
    model.add(keras.layers.RNN(NestedLSTMCell(32, depth=2, dropout=0.0, recurrent_dropout=0.0)))
    model.add(keras.layers.Dense(1, activation='sigmoid'))
    return model
