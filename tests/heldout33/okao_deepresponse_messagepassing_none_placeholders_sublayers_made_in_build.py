"""DeepResponse's MPNN MessagePassing layer sets `self.message_step = None`, `self.update_step = None`
and `self.built = None` in `__init__`, then creates the EdgeNetwork and a GRUCell in `build()` without
building them and flips `self.built = True` by hand: looks unbuilt (LD005) and like placeholders that
hide the sublayers, but Keras 3 tracks the layers assigned in `build()`, builds them on the first
(symbolic) call, and every weight is counted and trained.

From burakcan-izmirli/DeepResponse (`src/model/build/graph_neural_network/message_passing.py` and the
sibling `edge_network.py`), a drug-response predictor whose drug branch is "derived from Keras' MPNN for
molecular property prediction tutorial and extended". Compared with the tutorial it doubles `units`,
declares every attribute as `None` in `__init__` (including `self.built = None`, and in EdgeNetwork
`self.kernel = None` / `self.bias = None` before `build()` makes them with `add_weight`). `call` pads the
atom features to `units`, then for `steps` rounds aggregates messages with the EdgeNetwork and updates
atoms with the GRUCell.

Porting edits: the bias shape `(self.atom_dim * self.atom_dim)` is an int, which Keras 3's `add_weight`
refuses ("Cannot convert '1024' to a shape"), so it is written as the tuple `(... ,)` as in the Keras 3
version of the tutorial; nothing else changed (EdgeNetwork is inlined from its module). `build_model()` wires
`MessagePassing(16, 2)` in a functional model on atom features (9), bond features (4) and int32 pair
indices, as the repo's `mpnn.py` does before its transformer readout.
"""

SOURCE = "https://github.com/burakcan-izmirli/DeepResponse/blob/82b29d24c5da4531cf54ebafca02a9cb17ba2f3a/src/model/build/graph_neural_network/message_passing.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/okao_deepresponse_messagepassing_none_placeholders_sublayers_made_in_build.py:
as returned: Functional, count_params() = 11456, 5 weights, unbuilt: none
after call: count_params() = 11456, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'message_passing': 11456, 'edge_network': 5120}
second call: 0 variables watched that the first call did not use
11456 = EdgeNetwork 5120 (4x1024 kernel + 1024 bias, atoms padded to 32) + GRUCell(32) 6336; both sublayers were None in __init__ and created unbuilt in build()."""

import tensorflow as tf
import keras


class EdgeNetwork(tf.keras.layers.Layer):
    """ Edge network """

    def __init__(self):
        super().__init__()
        self.bond_dim = None
        self.atom_dim = None
        self.kernel = None
        self.bias = None
        self.built = None

    def build(self, input_shape):
        """ Build edge network"""
        self.atom_dim = input_shape[0][-1]
        self.bond_dim = input_shape[1][-1]
        self.kernel = self.add_weight(
            shape=(self.bond_dim, self.atom_dim * self.atom_dim),
            initializer="glorot_uniform",
            name="kernel", )
        self.bias = self.add_weight(
            shape=(self.atom_dim * self.atom_dim,), initializer="zeros", name="bias",
        )
        self.built = True

    def call(self, inputs):
        """ Call """
        atom_features, bond_features, pair_indices = inputs

        # Apply linear transformation to bond features
        bond_features = tf.matmul(bond_features, self.kernel) + self.bias

        # Reshape for neighborhood aggregation later
        bond_features = tf.reshape(bond_features, (-1, self.atom_dim, self.atom_dim))

        # Obtain atom features of neighbors
        atom_features_neighbors = tf.gather(atom_features, pair_indices[:, 1])
        atom_features_neighbors = tf.expand_dims(atom_features_neighbors, axis=-1)

        # Apply neighborhood aggregation
        transformed_features = tf.matmul(bond_features, atom_features_neighbors)
        transformed_features = tf.squeeze(transformed_features, axis=-1)
        aggregated_features = tf.math.unsorted_segment_sum(
            transformed_features,
            pair_indices[:, 0],
            num_segments=tf.shape(atom_features)[0],
        )
        return aggregated_features


class MessagePassing(tf.keras.layers.Layer):
    """ Message passing """

    def __init__(self, units, steps, **kwargs):
        super().__init__(**kwargs)
        self.units = units * 2  # Increased units
        self.steps = steps
        self.atom_dim = None
        self.message_step = None
        self.pad_length = None
        self.update_step = None
        self.built = None

    def build(self, input_shape):
        """ Build message passing """
        self.atom_dim = input_shape[0][-1]
        self.message_step = EdgeNetwork()
        self.pad_length = max(0, self.units - self.atom_dim)
        self.update_step = tf.keras.layers.GRUCell(self.atom_dim + self.pad_length)
        self.built = True

    def call(self, inputs):
        """ Call """
        atom_features, bond_features, pair_indices = inputs
        atom_features_updated = tf.pad(atom_features, [(0, 0), (0, self.pad_length)])
        for i in range(self.steps):
            atom_features_aggregated = self.message_step(
                [atom_features_updated, bond_features, pair_indices]
            )
            atom_features_updated, _ = self.update_step(
                atom_features_aggregated, atom_features_updated
            )
        return atom_features_updated


def build_model():
    atom_features = keras.Input((9,), dtype="float32", name="atom_features")
    bond_features = keras.Input((4,), dtype="float32", name="bond_features")
    pair_indices = keras.Input((2,), dtype="int32", name="pair_indices")
    x = MessagePassing(16, 2)([atom_features, bond_features, pair_indices])
    return keras.Model([atom_features, bond_features, pair_indices], x)
