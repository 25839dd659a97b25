"""titu1994's Keras IndRNN cell clips its recurrent weight once in `build()` and keeps the clipped
tensor under the same attribute, so on Keras 3 `call()` reads a frozen constant and the recurrent
weight never trains.

`IndRNNCell.build` (Keras-IndRNN, `ind_rnn.py`, the "tf2" version merged from PR #10) creates the
per-unit `recurrent_kernel` with `add_weight`, then, to keep it inside
`[recurrent_clip_min, recurrent_clip_max]`, rebinds it:
`self.recurrent_kernel = K.sign(self.recurrent_kernel) * K.maximum(K.abs(...), clip_min)` and
`self.recurrent_kernel = K.clip(self.recurrent_kernel, min, max)`. In TF1 graph mode the clip was an
op that re-read the variable on every run; with eager building (tf.keras 2 in TF2, Keras 3) the
expression is evaluated once, when the cell is built. The variable is still registered (the model
counts it) but `call()` multiplies the state by a constant copy, so `h_tm1 * self.recurrent_kernel`
gives the variable no gradient and `fit` never moves it.

Porting edits: `tensorflow.keras.backend` calls became `keras.ops` (`sign`, `maximum`, `abs`, `clip`,
`dot`, `add`); the dropout-mask helper (`K.in_train_phase`) and the `IndRNN(RNN)` wrapper class are
left out (the cell is wrapped in `keras.layers.RNN`, the paper's default dropout 0 never builds a
mask); `get_config` trimmed. The build logic and the default clip range (-2, 2) are the author's.
"""

SOURCE = "https://github.com/titu1994/Keras-IndRNN/blob/e5f1da3/ind_rnn.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/q_indrnn_recurrent_kernel_clipped_in_build.py:
as returned: Functional, count_params() = 49, 5 weights, unbuilt: none
after call: count_params() = 49, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 5 trainable weights: ['rnn/ind_rnn_cell/recurrent_kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ind_rnn_cell': 40}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15a/probe.py): one SGD fit step changes 4 of 5 trainable weights, not
'rnn/ind_rnn_cell/recurrent_kernel'; warning "Gradients do not exist for variables
['rnn/ind_rnn_cell/recurrent_kernel']"; recurrent_kernel.assign(recurrent_kernel + 0.5) leaves the
model output unchanged (input_kernel.assign(+0.5) changes it): call() reads the clipped copy made in build."""

import warnings

import keras
from keras import activations, initializers, ops
from keras.layers import Layer


class IndRNNCell(Layer):
    def __init__(self, units,
                 recurrent_clip_min=-2,
                 recurrent_clip_max=2,
                 activation='relu',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer=None,
                 bias_initializer='zeros',
                 **kwargs):
        super(IndRNNCell, self).__init__(**kwargs)

        if recurrent_clip_min is None or recurrent_clip_max is None:
            recurrent_clip_min = None
            recurrent_clip_max = None

        self.units = units
        self.recurrent_clip_min = recurrent_clip_min
        self.recurrent_clip_max = recurrent_clip_max
        self.activation = activations.get(activation)
        self.use_bias = use_bias

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer) \
                                     if recurrent_initializer is not None else None
        self.bias_initializer = initializers.get(bias_initializer)
        self.state_size = (self.units,)

    def build(self, input_shape):
        input_dim = input_shape[-1]

        if self.recurrent_clip_min == -1 or self.recurrent_clip_max == -1:
            self.recurrent_clip_min = 0.0
            if hasattr(self, 'timesteps') and self.timesteps is not None:
                self.recurrent_clip_max = pow(2.0, 1. / int(self.timesteps))
            else:
                warnings.warn("IndRNNCell: Number of timesteps could not be determined.")
                self.recurrent_clip_max = 1.0

        self.kernel = self.add_weight(shape=(input_dim, self.units),
                                      name='input_kernel',
                                      initializer=self.kernel_initializer)

        if self.recurrent_initializer is None:
            if self.recurrent_clip_min is not None and self.recurrent_clip_max is not None:
                initialization_value = min(self.recurrent_clip_max, 1.0)
                self.recurrent_initializer = initializers.RandomUniform(-initialization_value,
                                                                        initialization_value)
            else:
                self.recurrent_initializer = initializers.RandomUniform(-1.0, 1.0)

        self.recurrent_kernel = self.add_weight(shape=(self.units,),
                                                name='recurrent_kernel',
                                                initializer=self.recurrent_initializer)

        if self.recurrent_clip_min is not None and self.recurrent_clip_max is not None:
            if abs(self.recurrent_clip_min):
                abs_recurrent_kernel = ops.abs(self.recurrent_kernel)
                min_recurrent_kernel = ops.maximum(abs_recurrent_kernel, abs(self.recurrent_clip_min))
                self.recurrent_kernel = ops.sign(self.recurrent_kernel) * min_recurrent_kernel

            self.recurrent_kernel = ops.clip(self.recurrent_kernel,
                                             self.recurrent_clip_min,
                                             self.recurrent_clip_max)

        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        name='bias',
                                        initializer=self.bias_initializer)
        else:
            self.bias = None

        self.built = True

    def call(self, inputs, states, training=None):
        h_tm1 = states[0]  # previous state

        h = ops.dot(inputs, self.kernel)
        h = h + (h_tm1 * self.recurrent_kernel)

        if self.use_bias:
            h = ops.add(h, self.bias)

        h = self.activation(h)
        return h, [h]


def build_model():
    ip = keras.Input(shape=(6, 3))
    x = keras.layers.RNN(IndRNNCell(8), return_sequences=False)(ip)
    out = keras.layers.Dense(1)(x)
    return keras.Model(ip, out)
