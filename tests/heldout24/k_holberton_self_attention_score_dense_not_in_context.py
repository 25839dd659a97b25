"""A course Bahdanau attention layer (Holberton School "attention" project, task 1) computes the
energies `W(s_prev) + U(hidden_states)`, returns their plain sum over the input steps as the context
vector, and applies its scoring Dense `V` only to build the second output, the "weights".

From sidneyriffic/holbertonschool-machine_learning (`supervised_learning/0x11-attention/1-self_attention.py`).
The softmax of the scores never weighs the encoder states, so the context does not depend on `V` at
all. The project's decoder (task 2) keeps only the context (`context, _ = self.attention(s_prev,
hidden_states)`), and there `V`'s kernel and bias are counted as trainable weights of the model but
get no gradient (None on TensorFlow): they are never trained.

Porting edits: `tf.keras` -> `keras` for layer classes (the ops stay `tf.*`); units 256 -> 8, batch
32 -> 2, input length 10 -> 5. The author's task-2 decoder is an unfinished stub, so `build_model()`
wires the attention the way the task-2 decoder uses it: a functional model on (s_prev, hidden_states)
whose output is the context only.
"""

SOURCE = "https://github.com/sidneyriffic/holbertonschool-machine_learning/blob/b766da63ec9329e01aabe5d76843ff66bb4d38ba/supervised_learning/0x11-attention/1-self_attention.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/k_holberton_self_attention_score_dense_not_in_context.py:
as returned: Functional, count_params() = 153, 6 weights, unbuilt: none
after call: count_params() = 153, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['self_attention/dense_2/kernel', 'self_attention/dense_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'self_attention': 153}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine24/k/probe_sa.py): fit(epochs=3) warns "Gradients do not exist for variables
['self_attention/dense_2/kernel', 'self_attention/dense_2/bias'] when minimizing the loss"; W and U
(dense, dense_1) change, V (dense_2) stays at its initial values."""

import tensorflow as tf
import keras


class SelfAttention(keras.layers.Layer):
    """Create self-attention layer"""
    def __init__(self, units):
        super(SelfAttention, self).__init__()
        self.W = keras.layers.Dense(units)
        self.U = keras.layers.Dense(units)
        self.V = keras.layers.Dense(1)

    def call(self, s_prev, hidden_states):
        """Call function for the layer"""
        energy = self.W(s_prev)[:, None, :] + self.U(hidden_states)

        return tf.math.reduce_sum(energy, axis=1), self.V(tf.math.tanh(energy))


def build_model():
    s_prev = keras.Input(shape=(8,))
    hidden_states = keras.Input(shape=(5, 8))
    context, _ = SelfAttention(8)(s_prev, hidden_states)
    return keras.Model([s_prev, hidden_states], context)
