"""keras.io's MPNN message-passing layer: an `EdgeNetwork`, a `GRUCell` and a `LayerNormalization`
created in `__init__` of a layer with no `build()`, then called in a Python loop, once per
message-passing step, with the GRU cell used directly (outside any `keras.layers.RNN`).

From keras-team/keras-io (`examples/graph/mpnn-molecular-graphs.py`, the Keras 3 rewrite). Looks
like the "RNN cell never built / sublayer without build()" and "one layer reused at every step"
traps, plus an `EdgeNetwork` whose `build()` reads the atom and bond widths from a list of input
shapes and never calls `super().build()`. On Keras 3 the functional call builds everything: the
edge network's kernel and bias, the GRU cell (built on its first step, reused by the next three)
and the norm are all tracked, counted and trained.

Porting edits: the module-level `BATCH_SIZE * MAX_ATOMS` segment count is kept as a module
constant (`BATCH_SIZE = 2`, `MAX_ATOMS = 5`); no RDKit featurisation, dataset or readout: atom
features of width 6, bond features of width 3, 8 pair indices, `MessagePassing(8, steps=4)` followed
by one Dense layer; `build_model()` returns the functional model.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/0cd387be48135e407c056de5abdb0e4d559a80a6/examples/graph/mpnn-molecular-graphs.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okaf_kerasio_mpnn_grucell_and_edge_network_reused_each_step.py:
as returned: Functional, count_params() = 713, 9 weights, unbuilt: none
after call: count_params() = 713, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'message_passing': 704, 'edge_network': 256}
second call: 0 variables watched that the first call did not use
(704 = edge network 3*64+64 + GRUCell 8->8 432 + LayerNormalization 16; the one GRUCell is reused at
all four steps and counted once.)"""

import keras
from keras import layers, ops

BATCH_SIZE = 2
MAX_ATOMS = 5


class EdgeNetwork(layers.Layer):
    def build(self, input_shape):
        self.atom_dim, self.bond_dim = input_shape[0][-1], input_shape[1][-1]
        self.kernel = self.add_weight(
            shape=(self.bond_dim, self.atom_dim**2), initializer="glorot_uniform"
        )
        self.bias = self.add_weight(shape=(self.atom_dim**2,), initializer="zeros")

    def call(self, inputs):
        atom_feat, bond_feat, pair_idx = inputs
        bond_transformed = ops.matmul(bond_feat, self.kernel) + self.bias
        bond_transformed = ops.reshape(
            bond_transformed, (-1, self.atom_dim, self.atom_dim)
        )
        neighbor_feat = ops.take(atom_feat, ops.cast(pair_idx[:, 1], "int32"), axis=0)
        messages = ops.squeeze(
            ops.matmul(bond_transformed, ops.expand_dims(neighbor_feat, -1)), -1
        )
        return ops.segment_sum(
            messages,
            ops.cast(pair_idx[:, 0], "int32"),
            num_segments=BATCH_SIZE * MAX_ATOMS,
        )


class MessagePassing(layers.Layer):
    def __init__(self, units, steps=4, **kwargs):
        super().__init__(**kwargs)
        self.units, self.steps = units, steps
        self.edge_net = EdgeNetwork()
        self.gru = layers.GRUCell(units)
        self.norm = layers.LayerNormalization()

    def call(self, inputs):
        atom_feat, bond_feat, pair_idx = inputs
        atom_feat = ops.pad(
            atom_feat, [(0, 0), (0, max(0, self.units - ops.shape(atom_feat)[-1]))]
        )
        for _ in range(self.steps):
            m = self.edge_net([atom_feat, bond_feat, pair_idx])
            atom_feat, _ = self.gru(m, atom_feat)
            atom_feat = self.norm(atom_feat)  # Normalize every step
        return atom_feat


def build_model():
    a_in = layers.Input(shape=(6,), name="atom_features", batch_size=BATCH_SIZE * MAX_ATOMS)
    b_in = layers.Input(shape=(3,), name="bond_features", batch_size=8)
    p_in = layers.Input(shape=(2,), dtype="int32", name="pair_indices", batch_size=8)
    x = MessagePassing(8, steps=4)([a_in, b_in, p_in])
    out = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs=[a_in, b_in, p_in], outputs=out)
