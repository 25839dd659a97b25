"""A multi-agent RL payoff network (Deep Coordination Graphs) that turns its own MLP output into a new
`tf.Variable` inside `call()` in order to swap the two edge directions with `.assign()`.

From agi-brain/xuance (`xuance/tensorflow/policies/coordination_graph.py`, class `DCG_payoff`, the
TensorFlow port of the DCG policy). `payoffs = tf.Variable(payoffs)` followed by
`payoffs[1].assign(tf.transpose(...))` is used as an in-place edit, but a `tf.Variable` built from a
tensor is a new leaf: the returned payoffs no longer depend on the `Dense` layers of `self.outputs`,
so the payoff MLP gets no gradient from the DCG loss (the variable itself is created anew on every
call and owned by nobody).

Porting edits: `tensorflow.keras as tk` -> `keras` and `xuance.tensorflow.Module` (an alias of
`tf.keras.Model`) -> `keras.Model` (the ops stay `tf.*`); the torch/torch_scatter imports and the
`Coordination_Graph` helper dropped (edges given as small int lists); `input_shape=` kwargs on the
Dense layers removed (Keras 3 ignores them; a `keras.Input` starts the Sequential instead); the
`@tf.function` decorators dropped (kept, calling the model on Keras 3 raises tf.function's
"singleton tf.Variables created on the first call" ValueError, /tmp/mine23b/tfnprobe.py); only the full-rank branch (`low_rank_payoff=False`, the other branch calls
the torch `.view`) is exercised; `args` is a small stand-in; sizes: 3 agents on a LINE graph (2 edges),
hidden state 4, payoff hidden 8, 2 actions.
"""

SOURCE = "https://github.com/agi-brain/xuance/blob/4f0b05b2c874319c12370f878ca94295a71a7938/xuance/tensorflow/policies/coordination_graph.py"
CODES = ("LD009", "LD002")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/i_xuance_dcg_payoff_wraps_output_in_tf_variable.py:
as returned: DCG_payoff, count_params() = 108, 4 weights, unbuilt: none
no inputs known: not called
Own script (/tmp/mine23b/dcgprobe.py), payoffs for 2 states of 3 agents, loss = sum(f**2): the gradient is
None for all 4 trainable weights (both Dense kernels and biases of self.outputs, 108 params); the tape
watched the 4 Dense variables plus an untracked 'dcg_payoff/Variable:0' made by the call. With the
author's @tf.function kept, the call raises ValueError: tf.function only supports singleton
tf.Variables created on the first call."""

import types

import keras
import numpy as np
import tensorflow as tf


class DCG_utility(keras.Model):
    def __init__(self, dim_input, dim_hidden, dim_output):
        super(DCG_utility, self).__init__()
        self.dim_input = dim_input
        self.dim_hidden = dim_hidden
        self.dim_output = dim_output
        layers = [keras.Input(shape=(self.dim_input,)),
                  keras.layers.Dense(units=self.dim_hidden, activation='relu'),
                  keras.layers.Dense(units=self.dim_output, activation=None)]
        self.outputs = keras.Sequential(layers)

    def call(self, hidden_states_n, **kwargs):
        return self.outputs(hidden_states_n)


class DCG_payoff(DCG_utility):
    def __init__(self, dim_input, dim_hidden, dim_act, args):
        self.dim_act = dim_act
        self.low_rank_payoff = args.low_rank_payoff
        self.payoff_rank = args.payoff_rank
        dim_payoff_out = 2 * self.payoff_rank * self.dim_act if self.low_rank_payoff else self.dim_act ** 2
        super(DCG_payoff, self).__init__(dim_input, dim_hidden, dim_payoff_out)

    def call(self, hidden_states_n, edges_from=None, edges_to=None, **kwargs):
        input_payoff_0 = tf.concat([tf.gather(hidden_states_n, edges_from, axis=1),
                                    tf.gather(hidden_states_n, edges_to, axis=1)], axis=-1)
        input_payoff_1 = tf.concat([tf.gather(hidden_states_n, edges_to, axis=1),
                                    tf.gather(hidden_states_n, edges_from, axis=1)], axis=-1)
        input_payoff = tf.stack([input_payoff_0, input_payoff_1], axis=0)
        input_shape = input_payoff.shape
        payoffs = self.outputs(tf.reshape(input_payoff, [-1, input_shape[-1]]))
        payoffs = tf.reshape(payoffs, input_shape[:-1] + (self.dim_output, ))
        dim = payoffs.shape[0:-1]
        if self.low_rank_payoff:
            payoffs = payoffs.view(np.prod(dim) * self.payoff_rank, 2, self.dim_act)
            payoffs = tf.linalg.matmul(tf.expand_dims(payoffs[:, 0, :], -1),
                                       tf.expand_dims(payoffs[:, 1, :], -2))  # (dim_act * 1) * (1 * dim_act) -> (dim_act * dim_act)
            payoffs = tf.reduce_sum(tf.reshape(payoffs, list(dim) + [self.payoff_rank, self.dim_act, self.dim_act]), axis=-3)
        else:
            payoffs = tf.reshape(payoffs, list(dim) + [self.dim_act, self.dim_act])
        payoffs = tf.Variable(payoffs)
        payoffs[1].assign(tf.transpose(payoffs[1], perm=(0, 1, 3, 2)))  # f_ij(a_i, a_j) <-> f_ji(a_j, a_i)
        return tf.reduce_mean(payoffs, axis=0)  # f^E_{ij} = (f_ij(a_i, a_j) + f_ji(a_j, a_i)) / 2


EDGES_FROM = [0, 1]
EDGES_TO = [1, 2]


def build_model():
    args = types.SimpleNamespace(low_rank_payoff=False, payoff_rank=1)
    model = DCG_payoff(dim_input=2 * 4, dim_hidden=8, dim_act=2, args=args)
    hidden_states_n = np.random.default_rng(0).random((2, 3, 4)).astype("float32")
    model(hidden_states_n, edges_from=EDGES_FROM, edges_to=EDGES_TO)
    return model
