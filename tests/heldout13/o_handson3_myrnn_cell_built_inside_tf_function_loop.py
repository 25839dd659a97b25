"""Hands-On Machine Learning (3rd ed.), chapter 15: a hand-written `MyRNN` layer whose cell is never built
by `build()` and is first run inside a `@tf.function` `for step in tf.range(n_steps)` loop; on Keras 3
the cell's weights are counted but get no gradient.

The book builds `LNSimpleRNNCell` (a `SimpleRNNCell` plus `LayerNormalization`, created in `__init__`,
no `build()`) and then, as an exercise in writing your own RNN layer, `MyRNN`: it stores the cell,
defines `get_initial_state()` with a fallback to zeros, and decorates `call()` with `@tf.function`;
`call()` collects outputs in a `tf.TensorArray` while stepping the cell over time inside an autograph
loop.  `MyRNN` has no `build()`, so the cell's variables are created lazily, inside the traced loop of
the first call.  On Keras 3 the Sequential model reports 1,742 parameters, but the five cell weights
(SimpleRNNCell kernel / recurrent_kernel / bias, LayerNormalization gamma / beta) get a None gradient
and `fit` warns "Gradients do not exist" and never updates them: only the final Dense trains.
(The book passes `input_shape=[None, 5]` to MyRNN; here a `tf.keras.Input` is used instead, which
Keras 3 prefers; the behaviour is the same without it.)
"""

SOURCE = ("https://github.com/ageron/handson-ml3/blob/"
          "e3f3f9e66d58cfa1d068a498433063a1d3fba9ef/15_processing_sequences_using_rnns_and_cnns.ipynb")
CODES = ("LD002", "LD005", "LD009")  # relabelled at the review (miner: LD005, LD002): see README
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py o_handson3_myrnn_cell_built_inside_tf_function_loop.py:
as returned: Sequential, count_params() = 1742, 7 weights, unbuilt: none
after call: count_params() = 1742, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 5 of 7 trainable weights: ['sequential/my_rnn/ln_simple_rnn_cell/simple_rnn_cell/kernel', 'sequential/my_rnn/ln_simple_rnn_cell/simple_rnn_cell/recurrent_kernel', 'sequential/my_rnn/ln_simple_rnn_cell/simple_rnn_cell/bias', 'sequential/my_rnn/ln_simple_rnn_cell/layer_normalization/gamma', 'sequential/my_rnn/ln_simple_rnn_cell/layer_normalization/beta']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_rnn': 1280, 'ln_simple_rnn_cell': 1280}
second call: 0 variables watched that the first call did not use
Own script: model.compile(SGD(0.1), "mse"); model.fit(x, y, epochs=2): UserWarning "Gradients do not
exist for variables ['sequential/my_rnn/ln_simple_rnn_cell/simple_rnn_cell/kernel', ...]"; after fit the
five cell weights are unchanged, only dense/kernel and dense/bias moved.  The same MyRNN with a build()
that builds the cell (and its SimpleRNNCell and LayerNormalization) gets gradients for all 7 weights."""

import tensorflow as tf


class LNSimpleRNNCell(tf.keras.layers.Layer):
    def __init__(self, units, activation="tanh", **kwargs):
        super().__init__(**kwargs)
        self.state_size = units
        self.output_size = units
        self.simple_rnn_cell = tf.keras.layers.SimpleRNNCell(units,
                                                             activation=None)
        self.layer_norm = tf.keras.layers.LayerNormalization()
        self.activation = tf.keras.activations.get(activation)

    def call(self, inputs, states):
        outputs, new_states = self.simple_rnn_cell(inputs, states)
        norm_outputs = self.activation(self.layer_norm(outputs))
        return norm_outputs, [norm_outputs]


class MyRNN(tf.keras.layers.Layer):
    def __init__(self, cell, return_sequences=False, **kwargs):
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = return_sequences

    def get_initial_state(self, inputs):
        try:
            return self.cell.get_initial_state(inputs)
        except AttributeError:
            # fallback to zeros if self.cell has no get_initial_state() method
            batch_size = tf.shape(inputs)[0]
            return [tf.zeros([batch_size, self.cell.state_size],
                             dtype=inputs.dtype)]

    @tf.function
    def call(self, inputs):
        states = self.get_initial_state(inputs)
        shape = tf.shape(inputs)
        batch_size = shape[0]
        n_steps = shape[1]
        sequences = tf.TensorArray(
            inputs.dtype, size=(n_steps if self.return_sequences else 0))
        outputs = tf.zeros(shape=[batch_size, self.cell.output_size],
                           dtype=inputs.dtype)
        for step in tf.range(n_steps):
            outputs, states = self.cell(inputs[:, step], states)
            if self.return_sequences:
                sequences = sequences.write(step, outputs)

        if self.return_sequences:
            # stack the outputs into an array of shape
            # [time steps, batch size, dims], then transpose it to shape
            # [batch size, time steps, dims]
            return tf.transpose(sequences.stack(), [1, 0, 2])
        else:
            return outputs


def build_model():
    tf.random.set_seed(42)
    custom_model = tf.keras.Sequential([
        tf.keras.Input(shape=[None, 5]),
        MyRNN(LNSimpleRNNCell(32), return_sequences=True),
        tf.keras.layers.Dense(14)
    ])
    import numpy as np
    return custom_model, np.random.default_rng(0).random((2, 7, 5)).astype("float32")
