"""Rational neural-fingerprint readout keeps its trainable rational-activation coefficients in plain Python lists
(`self.coeffsP.append(self.add_weight(...))`) evaluated with `tf.math.polyval`, and makes its Dense/Rational
sublayers in `build()`: every coefficient is tracked, counted and trained.

From MarkusFerdinandDablander/Rational_Neural_Graph_Fingerprints_tf_2_keras
(`rational_neural_graph_fingerprints/tf_keras_layers_rational_neural_graph_convolutions.py`), molecular property
prediction with Duvenaud-style neural fingerprints whose activations are trainable rational functions P(x)/Q(x)
(`RationalLayer`, taken from N. Boullé's RationalNets). `RationalLayer.build()` creates one `add_weight` per
numerator and denominator coefficient in a loop and appends them to `self.coeffsP` / `self.coeffsQ` (lists made in
`build()`); `call()` passes the two lists to `tf.math.polyval` and divides. The `self.built = True` sits inside
an `if` in a loop (never reached with all axes shared). `RationalNeuralFingerprintOutput.build()` creates Dropout,
`D_1`, the `RationalLayer` `R` and `D_2` from the input shapes; `call()` sums bond features per atom, applies
D_1 → R → D_2, masks missing atoms and sums over atoms. A naive checker flags variables kept in Python lists
(LD011), sublayers created in `build()`, and a `build()` that does not reliably set `built` (LD005). On Keras 3
the list attributes are tracked like any attribute, Keras marks the layer built after `build()`, the sublayers
are built on first call, and the coefficients get gradients through `polyval`.

Porting edits: none to the layers (tabs re-indented as spaces; the module's `afngf.mol_shapes_to_dims` helper is
inlined from the sibling repo's `auxiliary_functions_neural_graph_convolutions.py`, its shape asserts dropped;
the layers' long docstrings are shortened). `get_config` is
left out (its `super(NeuralFingerprintOutput, ...)` names a class absent from this module, a bug outside the
catalog that only bites on save). `build_model()` wires two readouts (hidden 16, fingerprint 20) on the raw atom
features and on a Dense-transformed copy, adds them and predicts with Dense(1), on 12 atoms of 8 features,
degree 4, 3 bond features.
"""

SOURCE = "https://github.com/MarkusFerdinandDablander/Rational_Neural_Graph_Fingerprints_tf_2_keras/blob/30bf28b2c7d3243754d5f9c2fd04fb066332d570/rational_neural_graph_fingerprints/tf_keras_layers_rational_neural_graph_convolutions.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okat_rationalngf_rational_activation_coeffs_in_python_lists_polyval.py:
as returned: Functional, count_params() = 1171, 26 weights, unbuilt: none
after call: count_params() = 1171, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rational_neural_fingerprint_output': 539, 'rational_layer': 7, 'rational_neural_fingerprint_output_1': 539, 'rational_layer_1': 7}
second call: 0 variables watched that the first call did not use
(7 = the 4 numerator + 3 denominator coefficients held in the two Python lists, shared over axes [1, 2].)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, InputSpec, Dropout, Input, Add
from tensorflow.keras import initializers, regularizers, constraints


def mol_shapes_to_dims(mol_tensors=None, mol_shapes=None):
    if mol_shapes == None:
        mol_shapes = [t.shape for t in mol_tensors]
    num_molecules0, max_atoms0, num_atom_features = mol_shapes[0]
    num_molecules1, max_atoms1, max_degree1, num_bond_features = mol_shapes[1]
    num_molecules2, max_atoms2, max_degree2 = mol_shapes[2]
    return (max_atoms1, max_degree1, num_atom_features, num_bond_features, num_molecules1)


class RationalLayer(tf.keras.layers.Layer):
    """Rational Activation function (originally implemented by Nicolas Boulle)."""

    def __init__(self, alpha_initializer=[1.1915, 1.5957, 0.5, 0.0218], beta_initializer=[2.383, 0.0, 1.0],
                 alpha_regularizer = None, beta_regularizer = None, alpha_constraint = None, beta_constraint = None,
                 shared_axes = None, **kwargs):
        super(RationalLayer, self).__init__(**kwargs)
        self.supports_masking = True

        # Degree of rationals
        self.degreeP = len(alpha_initializer) - 1
        self.degreeQ = len(beta_initializer) - 1

        # Initializers for P
        self.alpha_initializer = [initializers.Constant(value=alpha_initializer[i]) for i in range(len(alpha_initializer))]
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)

        # Initializers for Q
        self.beta_initializer = [initializers.Constant(value=beta_initializer[i]) for i in range(len(beta_initializer))]
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)

        if shared_axes is None:
            self.shared_axes = None
        elif not isinstance(shared_axes, (list, tuple)):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)

    def build(self, input_shape):
        param_shape = list(input_shape[1:])
        if self.shared_axes is not None:
            for i in self.shared_axes:
                param_shape[i - 1] = 1

        self.coeffsP = []
        for i in range(self.degreeP+1):
            # Add weight
            alpha_i = self.add_weight(shape=param_shape,
                                      name='alpha_%s'%i,
                                      initializer=self.alpha_initializer[i],
                                      regularizer=self.alpha_regularizer,
                                      constraint=self.alpha_constraint)
            self.coeffsP.append(alpha_i)

        # Create coefficients of Q
        self.coeffsQ = []
        for i in range(self.degreeQ+1):
            # Add weight
            beta_i = self.add_weight(shape=param_shape,
                                     name='beta_%s'%i,
                                     initializer=self.beta_initializer[i],
                                     regularizer=self.beta_regularizer,
                                     constraint=self.beta_constraint)
            self.coeffsQ.append(beta_i)

        # Set input spec
        axes = {}
        if self.shared_axes:
            for i in range(1, len(input_shape)):
                if i not in self.shared_axes:
                    axes[i] = input_shape[i]
                    self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)
                    self.built = True

    def call(self, inputs, mask=None):
        # Evaluation of P
        outP = tf.math.polyval(self.coeffsP, inputs)
        # Evaluation of Q
        outQ = tf.math.polyval(self.coeffsQ, inputs)
        # Compute P/Q
        out = tf.math.divide(outP, outQ)
        return out

    def compute_output_shape(self, input_shape):
        return input_shape


class RationalNeuralFingerprintOutput(tf.keras.layers.Layer):
    """Output layer in a neural graph convolution, with a trainable rational hidden activation."""

    def __init__(self,
                 hidden_length,
                 fp_length,
                 hidden_activation = tf.keras.activations.relu,
                 final_activation = tf.keras.activations.softmax,
                 use_rational_hidden_activation = True,
                 rational_alpha_initializer = [1.1915, 1.5957, 0.5, 0.0218],
                 rational_beta_initializer = [2.383, 0.0, 1.0],
                 rational_shared_axes = [1,2],
                 use_bias = True,
                 kernel_initializer = tf.keras.initializers.GlorotUniform,
                 bias_initializer = tf.keras.initializers.Zeros,
                 dropout_rate_input = 0,
                 dropout_rate_hidden = 0,
                 **kwargs):

        super(RationalNeuralFingerprintOutput, self).__init__(**kwargs)

        self.hidden_length = hidden_length
        self.fp_length = fp_length
        self.hidden_activation = hidden_activation
        self.final_activation = final_activation
        self.use_rational_hidden_activation = use_rational_hidden_activation
        self.rational_alpha_initializer = rational_alpha_initializer
        self.rational_beta_initializer = rational_beta_initializer
        self.rational_shared_axes = rational_shared_axes
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.dropout_rate_input = dropout_rate_input
        self.dropout_rate_hidden = dropout_rate_hidden

    def build(self, inputs_shape):

        # import dimensions
        (max_atoms, max_degree, num_atom_features, num_bond_features, num_molecules) = mol_shapes_to_dims(mol_shapes = inputs_shape[0:3])
        num_atom_bond_features = num_atom_features + num_bond_features

        # initialize trainable layers
        self.Drop_input = Dropout(self.dropout_rate_input)
        self.Drop_hidden = Dropout(self.dropout_rate_hidden)

        if self.use_rational_hidden_activation == True:

            self.D_1 = Dense(units = self.hidden_length, use_bias = self.use_bias, activation = None, kernel_initializer = self.kernel_initializer, bias_initializer = self.bias_initializer)
            self.R = RationalLayer(shared_axes = self.rational_shared_axes, alpha_initializer = self.rational_alpha_initializer, beta_initializer = self.rational_beta_initializer)

        else:

            self.D_1 = Dense(units = self.hidden_length, use_bias = self.use_bias, activation = self.hidden_activation, kernel_initializer = self.kernel_initializer, bias_initializer = self.bias_initializer)

        self.D_2 = Dense(units = self.fp_length, use_bias = self.use_bias, activation = self.final_activation, kernel_initializer = self.kernel_initializer, bias_initializer = self.bias_initializer)

    def call(self, inputs, mask = None):

        atoms = inputs[0]
        bonds = inputs[1]
        edges = inputs[2]
        atoms_existence = inputs[3]
        atoms_existence = tf.reshape(atoms_existence, shape = (tf.shape(atoms_existence)[0], 1, tf.shape(atoms_existence)[1]))

        # sum the edge features for each atom
        summed_bond_features = tf.math.reduce_sum(bonds, axis=-2)

        # concatenate the atom features and summed bond features
        summed_atom_bond_features = tf.concat([atoms, summed_bond_features], axis=-1)

        if self.use_rational_hidden_activation == True:
            neural_fp_atomwise = self.Drop_input(summed_atom_bond_features)
            neural_fp_atomwise = self.D_1(neural_fp_atomwise)
            neural_fp_atomwise = self.Drop_hidden(neural_fp_atomwise)
            neural_fp_atomwise = self.R(neural_fp_atomwise)
            neural_fp_atomwise = self.D_2(neural_fp_atomwise)
        else:
            neural_fp_atomwise = self.Drop_input(summed_atom_bond_features)
            neural_fp_atomwise = self.D_1(neural_fp_atomwise)
            neural_fp_atomwise = self.Drop_hidden(neural_fp_atomwise)
            neural_fp_atomwise = self.D_2(neural_fp_atomwise)

        neural_fp_atomwise_masked = tf.linalg.matrix_transpose(tf.linalg.matrix_transpose(neural_fp_atomwise) * atoms_existence)
        neural_fp_layerwise = tf.math.reduce_sum(neural_fp_atomwise_masked, axis=-2)

        return neural_fp_layerwise


MAX_ATOMS, NUM_ATOM_FEATURES, MAX_DEGREE, NUM_BOND_FEATURES = 12, 8, 4, 3


def _molecules(n=3):
    rng = np.random.default_rng(0)
    atoms = rng.random((n, MAX_ATOMS, NUM_ATOM_FEATURES)).astype("float32")
    bonds = rng.random((n, MAX_ATOMS, MAX_DEGREE, NUM_BOND_FEATURES)).astype("float32")
    edges = -np.ones((n, MAX_ATOMS, MAX_DEGREE), dtype="float32")
    for m in range(n):
        for i in range(10):
            nb = [j for j in (i - 1, i + 1) if 0 <= j < 10]
            edges[m, i, :len(nb)] = nb
    existence = np.zeros((n, MAX_ATOMS), dtype="float32")
    existence[:, :10] = 1.0
    bonds[edges == -1] = 0.0
    return [atoms, bonds, edges, existence]


def build_model():
    atoms_0 = Input(name='atom_inputs', shape=(MAX_ATOMS, NUM_ATOM_FEATURES))
    bonds = Input(name='bond_inputs', shape=(MAX_ATOMS, MAX_DEGREE, NUM_BOND_FEATURES))
    edges = Input(name='edge_inputs', shape=(MAX_ATOMS, MAX_DEGREE))
    atoms_existence = Input(name='atoms_existence_inputs', shape=(MAX_ATOMS,))

    atoms_1 = Dense(NUM_ATOM_FEATURES, activation='relu')(atoms_0)
    fp_out_0 = RationalNeuralFingerprintOutput(16, 20)([atoms_0, bonds, edges, atoms_existence])
    fp_out_1 = RationalNeuralFingerprintOutput(16, 20)([atoms_1, bonds, edges, atoms_existence])
    final_fp = Add()([fp_out_0, fp_out_1])
    main_prediction = Dense(1, activation='linear', name='main_prediction')(final_fp)

    model = tf.keras.models.Model(inputs=[atoms_0, bonds, edges, atoms_existence], outputs=[main_prediction])
    return model, _molecules()
