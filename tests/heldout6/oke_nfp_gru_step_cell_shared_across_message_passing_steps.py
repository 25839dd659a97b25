"""`nfp`'s `GRUStep`: a `GRUCell` subclass used outside `keras.layers.RNN` as the weight-tied node-update of a message-passing network, called once per step on `[message, previous_state]`.

`nfp` wraps `GRUCell` so that a GNN can update every atom's state with one GRU shared over all
message-passing steps (inputs are `(num_atoms, features)`, not sequences). `build()` calls
`GRUCell.build(self, input_shape[0])` with the shape of the first element of a list input, and
`call()` calls `GRUCell.call(self, inputs[0], [inputs[1]])[0]` directly. It looks like several
traps at once: an RNN cell never wrapped in `RNN`, a `build()` that picks one element of the
shape list by hand, a parent `call()` invoked unbound, and one layer instance wired at every step.
On Keras 3 it is correct: the cell is built once with the right input size, its three weights are
shared by all steps (counted once) and all get gradients.
"""

SOURCE = "https://github.com/NREL/nfp/blob/e1a6fca1816e4e43d9a14b5d39419a5102f3f7fb/nfp/layers/wrappers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_nfp_gru_step_cell_shared_across_message_passing_steps.py:
as returned: Functional, count_params() = 1921, 7 weights, unbuilt: none
after call: count_params() = 1921, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gru_step': 1632}
second call: 0 variables watched that the first call did not use"""

import keras
from keras.layers import GRUCell


class GRUStep(GRUCell):
    def build(self, input_shape):
        GRUCell.build(self, input_shape[0])

    def call(self, inputs):
        """Inputs should be [message, previous_state], returns [next_state]"""
        return GRUCell.call(self, inputs[0], [inputs[1]])[0]

    def compute_output_shape(self, input_shape):
        return input_shape[0]


def build_model(atom_features=16, num_messages=3):
    # nfp's flat graph layout: one row per atom of the batch, shape (num_atoms_per_batch, features)
    atom_state = keras.Input(shape=(atom_features,), name="atom_state")
    message_net = keras.layers.Dense(atom_features, activation="relu", name="message")
    update = GRUStep(atom_features, name="gru_step")
    state = atom_state
    for _ in range(num_messages):
        messages = message_net(state)
        state = update([messages, state])  # the same GRU weights at every step
    return keras.Model(atom_state, keras.layers.Dense(1, name="atom_output")(state))
