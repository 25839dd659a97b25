"""TKAN recurrent cell whose `sub_tkan_kernel` only shapes the sub-layer state handed to the next step, run on one-step windows.

Users of TKAT (a temporal-fusion model built on the TKAN cell, Keras 3) reported the optimizer
warning "Gradients do not exist for variables ['sub_tkan_kernel'] when minimizing the loss". In the
cell, `sub_tkan_kernel` is used only to compute `new_sub_state`, the recurrent state of each KAN
sub-layer for the *next* time step; the step's output `h` never depends on it. On the last step of
a sequence (and on every step when the model sees one-step windows, as in this reproduction, a
one-step-ahead covariate encoder) the weight is counted and trainable but receives no gradient.
Sub-layers are Dense here instead of KANLinear (an extra dependency); the cell is otherwise kept.
"""

SOURCE = "https://github.com/remigenet/TKAT/issues/8"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py t_tkan_sub_kernel_only_in_state.py:
as returned: Functional, count_params() = 445, 14 weights, unbuilt: none
after call: count_params() = 445, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 14 trainable weights: ['tkan/tkan_cell/sub_tkan_kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tkan': 436, 'tkan_cell': 436}
second call: 0 variables watched that the first call did not use
(my own check, /tmp/mine8b/tkan3.py: with 3-step windows every weight, sub_tkan_kernel included,
gets a gradient; with the 1-step window of this reproduction sub_tkan_kernel gets None)"""

import time

import keras
from keras import activations, constraints, initializers, ops, regularizers
from keras.layers import RNN, Dense, Layer


class TKANCell(Layer):
    """Cell class for the TKAN layer (LSTM-like, with recurrent sub-layers)."""

    def __init__(self, units, sub_kan_configs=None, sub_kan_output_dim=None, sub_kan_input_dim=None,
                 activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.sub_kan_configs = sub_kan_configs or [None]
        self.sub_kan_output_dim = sub_kan_output_dim
        self.sub_kan_input_dim = sub_kan_input_dim
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.seed = seed if seed is not None else int(time.time())
        self.state_size = [units, units] + [1 for _ in self.sub_kan_configs]
        self.output_size = units

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if self.sub_kan_input_dim is None:
            self.sub_kan_input_dim = input_dim
        if self.sub_kan_output_dim is None:
            self.sub_kan_output_dim = input_dim
        self.kernel = self.add_weight(shape=(input_dim, self.units * 3), name="kernel",
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units * 3), name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        self.bias = self.add_weight(shape=(self.units * 3,), name="bias", initializer=self.bias_initializer) \
            if self.use_bias else None
        self.tkan_sub_layers = []
        for config in self.sub_kan_configs:
            layer = Dense(self.sub_kan_output_dim, activation=config or "silu")
            layer.build((input_shape[0], self.sub_kan_input_dim))
            self.tkan_sub_layers.append(layer)
        self.sub_tkan_kernel = self.add_weight(shape=(len(self.tkan_sub_layers), self.sub_kan_output_dim * 2),
                                               name="sub_tkan_kernel", initializer=self.recurrent_initializer)
        self.sub_tkan_recurrent_kernel_inputs = self.add_weight(
            shape=(len(self.tkan_sub_layers), input_shape[-1], self.sub_kan_input_dim),
            name="sub_tkan_recurrent_kernel_inputs", initializer=self.recurrent_initializer)
        self.sub_tkan_recurrent_kernel_states = self.add_weight(
            shape=(len(self.tkan_sub_layers), self.sub_kan_output_dim, self.sub_kan_input_dim),
            name="sub_tkan_recurrent_kernel_states", initializer=self.recurrent_initializer)
        self.aggregated_weight = self.add_weight(
            shape=(len(self.tkan_sub_layers) * self.sub_kan_output_dim, self.units),
            name="aggregated_weight", initializer="glorot_uniform")
        self.aggregated_bias = self.add_weight(shape=(self.units,), name="aggregated_bias", initializer="zeros")
        self.built = True

    def call(self, inputs, states, training=None):
        h_tm1 = states[0]
        c_tm1 = states[1]
        sub_states = states[2:]
        gates = ops.matmul(inputs, self.kernel) + ops.matmul(h_tm1, self.recurrent_kernel)
        if self.use_bias:
            gates = gates + self.bias
        i, f, c = ops.split(self.recurrent_activation(gates), 3, axis=-1)
        c = f * c_tm1 + i * self.activation(c)

        sub_outputs = []
        new_sub_states = []
        for idx, (sub_layer, sub_state) in enumerate(zip(self.tkan_sub_layers, sub_states)):
            sub_kernel_x = self.sub_tkan_recurrent_kernel_inputs[idx]
            sub_kernel_h = self.sub_tkan_recurrent_kernel_states[idx]
            agg_input = inputs @ sub_kernel_x + sub_state @ sub_kernel_h
            sub_output = sub_layer(agg_input)
            sub_recurrent_kernel_h, sub_recurrent_kernel_x = ops.split(self.sub_tkan_kernel[idx], 2, axis=0)
            new_sub_state = sub_recurrent_kernel_h * sub_output + sub_state * sub_recurrent_kernel_x
            sub_outputs.append(sub_output)
            new_sub_states.append(new_sub_state)

        aggregated_sub_output = ops.concatenate(sub_outputs, axis=-1)
        aggregated_input = ops.dot(aggregated_sub_output, self.aggregated_weight) + self.aggregated_bias
        o = self.recurrent_activation(aggregated_input)
        h = o * self.activation(c)
        return h, [h, c] + new_sub_states

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "sub_kan_configs": self.sub_kan_configs,
                       "sub_kan_output_dim": self.sub_kan_output_dim,
                       "sub_kan_input_dim": self.sub_kan_input_dim, "seed": self.seed})
        return config


class TKAN(RNN):
    def __init__(self, units, sub_kan_configs=None, sub_kan_output_dim=None, sub_kan_input_dim=None,
                 return_sequences=False, return_state=False, **kwargs):
        cell = TKANCell(units, sub_kan_configs=sub_kan_configs, sub_kan_output_dim=1,
                        sub_kan_input_dim=sub_kan_input_dim, name="tkan_cell")
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state, **kwargs)


def build_model(n_ahead=1, n_features=5, units=8):
    """One-step-ahead encoder: a TKAN over the window of known future covariates (length n_ahead)."""
    inputs = keras.Input(shape=(n_ahead, n_features))
    x = TKAN(units, sub_kan_configs=[None, "relu"], return_sequences=False)(inputs)
    outputs = Dense(1)(x)
    return keras.Model(inputs, outputs)
