"""Duvenaud neural-fingerprint layer makes one Dense per atom degree with `exec("self.D_<d> = Dense(...)")` in
`build()`, keeps them in a list, and creates a fresh `Add()` layer inside every `call()`: it all trains.

From MarkusFerdinandDablander/Duvenaud_Neural_Graph_Fingerprints_tf_2_keras (a tf.keras >= 2.0 rewrite of the
keiserlab neural graph fingerprint layers for molecular property prediction). `NeuralFingerprintHidden.build()`
learns `max_degree` from the bond tensor's shape and, for each degree 0..max_degree, runs
`exec("self.D_" + str(degree) + " = Dense(...)")` and `exec("self.D_list.append(self.D_" + str(degree) + ")")`;
`call()` applies `self.D_list[degree]` to the summed atom+bond features, masks by atom degree and sums the
masked results with `tf.keras.layers.Add()(new_features_by_degree)`, a layer instance made on every call.
`NeuralFingerprintOutput` makes its readout Dense `self.D` in `build()` too. Three things a naive checker flags
(sublayers assigned through `exec` that an AST never sees as `self.X = Layer(...)`, sublayers made in `build()`
instead of `__init__`, a layer constructed inside `call()`) and none loses a weight: `exec` runs a real
`setattr` so Keras tracks `D_0..D_4` (and the list `D_list` with the same objects), the Dense layers are built on
their first call inside `call()`, and `Add` has no weights (LD002 concerns state, a weightless merge layer made
per call is harmless).

Porting edits: none to the layers (`tf.keras` is Keras 3 here; the initializers passed as classes still
resolve). The auxiliary `mol_shapes_to_dims` and `neighbour_lookup` from the repo's
`auxiliary_functions_neural_graph_convolutions.py` are inlined (unchanged apart from a trimmed docstring).
`build_model()` wires the repo's example notebook model: two hidden convolutions, three layerwise fingerprint
readouts added up, Dense(30) and Dense(1), on 12 atoms of 8 features, degree 4, 3 bond features (the notebook
used 55/62/4/6 from its RDKit featurizer; conv_width 62 and fp length 68 kept small: 16 and 20).
"""

SOURCE = "https://github.com/MarkusFerdinandDablander/Duvenaud_Neural_Graph_Fingerprints_tf_2_keras/blob/339b5223209b7c9c3dd6b04e4a979367f49a35b5/neural_graph_fingerprints/tf_keras_layers_neural_graph_convolutions.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okat_dablanderngf_hidden_dense_per_degree_made_by_exec_in_build_add_in_call.py:
as returned: Functional, count_params() = 4261, 30 weights, unbuilt: none
after call: count_params() = 4261, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'neural_fingerprint_hidden': 960, 'neural_fingerprint_hidden_1': 1600, 'neural_fingerprint_output': 240, 'neural_fingerprint_output_1': 400, 'neural_fingerprint_output_2': 400}
second call: 0 variables watched that the first call did not use
(960 = 5 degree Dense layers of (8+3)*16+16 each: the exec-made D_0..D_4 are all counted, once, despite D_list
holding the same objects; the per-call Add() adds nothing.)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Input, Add
from tensorflow.keras import models


def mol_shapes_to_dims(mol_tensors=None, mol_shapes=None):
    """Helper function, returns dim sizes for molecule tensors given tensors or tensor shapes."""
    if mol_shapes == None:
        mol_shapes = [t.shape for t in mol_tensors]

    num_molecules0, max_atoms0, num_atom_features = mol_shapes[0]
    num_molecules1, max_atoms1, max_degree1, num_bond_features = mol_shapes[1]
    num_molecules2, max_atoms2, max_degree2 = mol_shapes[2]

    num_molecules_vals = [num_molecules0, num_molecules1, num_molecules2]
    max_atoms_vals = [max_atoms0, max_atoms1, max_atoms2]
    max_degree_vals = [max_degree1, max_degree2]

    assert len(set(num_molecules_vals)) == 1, 'num_molecules does not match within tensors (found: {})'.format(num_molecules_vals)
    assert len(set(max_atoms_vals)) == 1, 'max_atoms does not match within tensors (found: {})'.format(max_atoms_vals)
    assert len(set(max_degree_vals)) == 1, 'max_degree does not match within tensors (found: {})'.format(max_degree_vals)

    return (max_atoms1, max_degree1, num_atom_features, num_bond_features, num_molecules1)


def neighbour_lookup(atoms, edges, maskvalue=0, include_self=True):
    """Looks up the features of all neighbours of an atom, for a batch of molecules."""
    masked_edges = edges + 1
    paddings = tf.constant([[0, 0], [1, 0], [0, 0]])
    masked_atoms = tf.pad(atoms, paddings, "CONSTANT")

    atoms_shape = tf.shape(masked_atoms)
    num_molecules = atoms_shape[0]
    lookup_size = atoms_shape[1]
    num_atom_features = atoms_shape[2]
    edges_shape = tf.shape(masked_edges)
    max_atoms = edges_shape[1]
    max_degree = edges_shape[2]

    offset_shape = (num_molecules, 1, 1)
    offset = tf.reshape(tf.cast(tf.range(num_molecules, dtype='int32'), dtype=masked_edges.dtype), offset_shape)
    offset *= tf.cast(lookup_size, dtype=offset.dtype)

    flattened_atoms = tf.reshape(masked_atoms, (-1, num_atom_features))
    flattened_edges = tf.reshape(masked_edges + offset, (num_molecules, -1))

    flattened_result = tf.gather(flattened_atoms, tf.cast(flattened_edges, dtype='int32'))

    neigbour_features_shape = (num_molecules, max_atoms, max_degree, num_atom_features)
    neigbour_features = tf.reshape(flattened_result, neigbour_features_shape)

    if include_self == True:
        return tf.concat([tf.expand_dims(atoms, axis=2), neigbour_features], axis=2)

    return neigbour_features


class NeuralFingerprintHidden(tf.keras.layers.Layer):
    """Hidden layer in a neural graph convolution (as in Duvenaud et. al., 2015)."""

    def __init__(self,
                 conv_width,
                 activation=tf.keras.activations.relu,
                 use_bias=True,
                 kernel_initializer=tf.keras.initializers.GlorotUniform,
                 bias_initializer=tf.keras.initializers.Zeros,
                 **kwargs):

        super(NeuralFingerprintHidden, self).__init__(**kwargs)

        self.conv_width = conv_width
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.max_degree = None  # value of max_degree is not known just yet

    def build(self, inputs_shape):

        # import dimensions
        (max_atoms, max_degree, num_atom_features, num_bond_features, num_molecules) = mol_shapes_to_dims(mol_shapes=inputs_shape[0:3])
        num_atom_bond_features = num_atom_features + num_bond_features

        # set value for attribute self.max_degree
        self.max_degree = max_degree

        # generate trainable layers D_0, ..., D_{max_degree}
        self.D_list = []

        for degree in range(0, self.max_degree + 1):

            # initialize dense layers D_1,...,D_{max_degree}
            exec("self.D_" + str(degree) + " = Dense(units = self.conv_width, activation = self.activation, use_bias = self.use_bias, kernel_initializer = self.kernel_initializer, bias_initializer = self.bias_initializer)")
            exec("self.D_list.append(self.D_" + str(degree) + ")")

    def call(self, inputs, mask=None):

        atoms = inputs[0]
        bonds = inputs[1]
        edges = inputs[2]
        atoms_existence = inputs[3]
        atoms_existence = tf.reshape(atoms_existence, shape=(tf.shape(atoms_existence)[0], 1, tf.shape(atoms_existence)[1]))

        # import dimensions
        max_atoms = atoms.shape[1]
        num_atom_features = atoms.shape[-1]
        num_bond_features = bonds.shape[-1]

        # sum the edge features for each atom
        summed_bond_features = tf.math.reduce_sum(bonds, axis=-2)

        # for each atom, look up the features of it's neighbour
        neighbour_atom_features = neighbour_lookup(atoms, edges, include_self=True)

        # sum along degree axis to get summed neighbour features
        summed_atom_features = tf.reduce_sum(neighbour_atom_features, axis=-2)

        # concatenate the summed atom and bond features
        summed_atom_bond_features = tf.concat([summed_atom_features, summed_bond_features], axis=-1)

        # create a matrix that stores for each atom, the degree it is
        atom_degrees = tf.math.reduce_sum(tf.cast(tf.math.not_equal(edges, -1), dtype=np.float32), axis=-1, keepdims=True)

        # for each degree we now apply a different trainable layer
        new_features_by_degree = []

        for degree in range(0, self.max_degree + 1):

            D_degree = self.D_list[int(degree)]

            new_unmasked_features = D_degree(summed_atom_bond_features)

            atom_masks_this_degree = tf.cast(tf.math.equal(atom_degrees, degree), dtype=np.float32)
            new_masked_features = new_unmasked_features * atom_masks_this_degree

            new_features_by_degree.append(new_masked_features)

        # sum the masked feature tensors for all degree types
        atoms_updated = tf.keras.layers.Add()(new_features_by_degree)

        atoms_updated = tf.linalg.matrix_transpose(tf.linalg.matrix_transpose(atoms_updated) * atoms_existence)

        return atoms_updated


class NeuralFingerprintOutput(tf.keras.layers.Layer):
    """Output layer in a neural graph convolution (as in Duvenaud et. al., 2015)."""

    def __init__(self,
                 fp_length,
                 activation=tf.keras.activations.softmax,
                 use_bias=True,
                 kernel_initializer=tf.keras.initializers.GlorotUniform,
                 bias_initializer=tf.keras.initializers.Zeros,
                 **kwargs):

        super(NeuralFingerprintOutput, self).__init__(**kwargs)

        self.fp_length = fp_length
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer

    def build(self, inputs_shape):

        (max_atoms, max_degree, num_atom_features, num_bond_features, num_molecules) = mol_shapes_to_dims(mol_shapes=inputs_shape[0:3])
        num_atom_bond_features = num_atom_features + num_bond_features

        # initialize trainable layer
        self.D = Dense(units=self.fp_length, activation=self.activation, use_bias=self.use_bias, kernel_initializer=self.kernel_initializer, bias_initializer=self.bias_initializer)

    def call(self, inputs, mask=None):

        atoms = inputs[0]
        bonds = inputs[1]
        edges = inputs[2]
        atoms_existence = inputs[3]
        atoms_existence = tf.reshape(atoms_existence, shape=(tf.shape(atoms_existence)[0], 1, tf.shape(atoms_existence)[1]))

        summed_bond_features = tf.math.reduce_sum(bonds, axis=-2)
        summed_atom_bond_features = tf.concat([atoms, summed_bond_features], axis=-1)

        neural_fp_atomwise = self.D(summed_atom_bond_features)
        neural_fp_atomwise_masked = tf.linalg.matrix_transpose(tf.linalg.matrix_transpose(neural_fp_atomwise) * atoms_existence)
        neural_fp_layerwise = tf.math.reduce_sum(neural_fp_atomwise_masked, axis=-2)

        return neural_fp_layerwise


MAX_ATOMS, NUM_ATOM_FEATURES, MAX_DEGREE, NUM_BOND_FEATURES = 12, 8, 4, 3


def _molecules(n=3):
    rng = np.random.default_rng(0)
    atoms = rng.random((n, MAX_ATOMS, NUM_ATOM_FEATURES)).astype("float32")
    bonds = rng.random((n, MAX_ATOMS, MAX_DEGREE, NUM_BOND_FEATURES)).astype("float32")
    edges = -np.ones((n, MAX_ATOMS, MAX_DEGREE), dtype="float32")
    for m in range(n):  # a chain molecule of 10 atoms (2 padding slots)
        for i in range(10):
            nb = [j for j in (i - 1, i + 1) if 0 <= j < 10]
            edges[m, i, :len(nb)] = nb
    existence = np.zeros((n, MAX_ATOMS), dtype="float32")
    existence[:, :10] = 1.0
    bonds[edges == -1] = 0.0
    return [atoms, bonds, edges, existence]


def build_model():
    conv_width = 16
    output_fp_length = 20

    atoms_0 = Input(name='atom_inputs', shape=(MAX_ATOMS, NUM_ATOM_FEATURES))
    bonds = Input(name='bond_inputs', shape=(MAX_ATOMS, MAX_DEGREE, NUM_BOND_FEATURES))
    edges = Input(name='edge_inputs', shape=(MAX_ATOMS, MAX_DEGREE))
    atoms_existence = Input(name='atoms_existence_inputs', shape=(MAX_ATOMS,))

    atoms_1 = NeuralFingerprintHidden(conv_width)([atoms_0, bonds, edges, atoms_existence])
    atoms_2 = NeuralFingerprintHidden(conv_width)([atoms_1, bonds, edges, atoms_existence])

    fp_out_0 = NeuralFingerprintOutput(output_fp_length)([atoms_0, bonds, edges, atoms_existence])
    fp_out_1 = NeuralFingerprintOutput(output_fp_length)([atoms_1, bonds, edges, atoms_existence])
    fp_out_2 = NeuralFingerprintOutput(output_fp_length)([atoms_2, bonds, edges, atoms_existence])

    final_fp = Add()([fp_out_0, fp_out_1, fp_out_2])

    intermediate_prediction = Dense(30, activation=tf.keras.activations.relu, use_bias=True, name='intermediate_prediction')(final_fp)
    main_prediction = Dense(1, activation='linear', use_bias=True, name='main_prediction')(intermediate_prediction)

    model = models.Model(inputs=[atoms_0, bonds, edges, atoms_existence], outputs=[main_prediction])
    return model, _molecules()
