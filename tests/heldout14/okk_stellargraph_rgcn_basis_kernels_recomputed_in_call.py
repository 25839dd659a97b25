"""stellargraph RelationalGraphConvolution: per-relation kernels built from shared bases, recomputed in every call.

With `num_bases > 0`, stellargraph's RGCN layer creates the shared `bases` (F, units, B) and one
`coeff` vector per relation with add_weight in build(), sets `self.relational_kernels = None`
("To support eager TF the relational_kernels need to be explicitly calculated each time the layer is
called"), and call() rebuilds `[tf.einsum("ijk,k->ij", self.bases, coeff) for coeff in self.coefficients]`
before the message passing. Weights in a Python list, derived kernels held in a local list, an
attribute that is None or a list of weights depending on a flag: it looks like the basis-combination
bug (kernels combined once in build() and frozen), but here the combination is taken inside call(),
so bases and every coefficient get gradients on Keras 3.

Port: `tensorflow.keras` -> `keras`; `K.int_shape`/`K.squeeze`/`K.dot`/`K.expand_dims` -> `.shape`/
`keras.ops`; get_config dropped; the full-batch RGCN model class is replaced by a two-relation
functional model with the batch dimension of one that stellargraph's generators produce.
"""

SOURCE = "https://github.com/stellargraph/stellargraph/blob/3c2c8c18ab4c5c16660f350d8e23d7dc39e738de/stellargraph/layer/rgcn.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okk_stellargraph_rgcn_basis_kernels_recomputed_in_call.py:
as returned: Functional, count_params() = 211, 10 weights, unbuilt: none
after call: count_params() = 211, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'relational_graph_convolution': 132, 'relational_graph_convolution_1': 79}
second call: 0 variables watched that the first call did not use
(132 = bases 5x8x2 + two coeff vectors of 2 + self_kernel 5x8 + bias 8; both coeff vectors and the bases get gradients.)"""

import tensorflow as tf
import keras
from keras import activations, constraints, initializers, ops, regularizers
from keras.layers import Layer


class RelationalGraphConvolution(Layer):

    def __init__(self, units, num_relationships, num_bases=0, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", kernel_regularizer=None, kernel_constraint=None,
                 bias_initializer="zeros", bias_regularizer=None, bias_constraint=None,
                 basis_initializer="glorot_uniform", basis_regularizer=None, basis_constraint=None,
                 coefficient_initializer="glorot_uniform", coefficient_regularizer=None,
                 coefficient_constraint=None, **kwargs):
        if not isinstance(num_bases, int):
            raise TypeError("num_bases should be an int")
        self.units = units
        self.num_relationships = num_relationships
        self.num_bases = num_bases
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.basis_initializer = initializers.get(basis_initializer)
        self.basis_regularizer = regularizers.get(basis_regularizer)
        self.basis_constraint = constraints.get(basis_constraint)
        self.coefficient_initializer = initializers.get(coefficient_initializer)
        self.coefficient_regularizer = regularizers.get(coefficient_regularizer)
        self.coefficient_constraint = constraints.get(coefficient_constraint)
        super().__init__(**kwargs)

    def compute_output_shape(self, input_shapes):
        feature_shape, A_shape = input_shapes[0], input_shapes[1]
        batch_dim = feature_shape[0]
        out_dim = feature_shape[1]
        return batch_dim, out_dim, self.units

    def build(self, input_shapes):
        feat_shape = input_shapes[0]
        input_dim = int(feat_shape[-1])

        if self.num_bases > 0:
            # initialize the shared basis matrices
            self.bases = self.add_weight(
                shape=(input_dim, self.units, self.num_bases),
                initializer=self.basis_initializer,
                name="bases",
                regularizer=self.basis_regularizer,
                constraint=self.basis_constraint,
            )

            # initialize the coefficients for each edge type/relationship
            self.coefficients = [
                self.add_weight(
                    shape=(self.num_bases,),
                    initializer=self.coefficient_initializer,
                    name="coeff",
                    regularizer=self.coefficient_regularizer,
                    constraint=self.coefficient_constraint,
                )
                for _ in range(self.num_relationships)
            ]

            # To support eager TF the relational_kernels need to be explicitly calculated
            # each time the layer is called
            self.relational_kernels = None

        else:
            self.bases = None
            self.coefficients = None

            self.relational_kernels = [
                self.add_weight(
                    shape=(input_dim, self.units),
                    name="relational_kernels",
                    initializer=self.kernel_initializer,
                    regularizer=self.kernel_regularizer,
                    constraint=self.kernel_constraint,
                )
                for _ in range(self.num_relationships)
            ]

        self.self_kernel = self.add_weight(
            shape=(input_dim, self.units),
            name="self_kernel",
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )

        if self.use_bias:
            self.bias = self.add_weight(
                shape=(self.units,),
                initializer=self.bias_initializer,
                name="bias",
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None

        self.built = True

    def call(self, inputs):
        features, *As = inputs
        batch_dim, n_nodes, _ = features.shape
        if batch_dim != 1:
            raise ValueError(
                "Currently full-batch methods only support a batch dimension of one"
            )

        # Remove singleton batch dimension
        features = ops.squeeze(features, 0)

        # Calculate the layer operation of RGCN
        output = ops.matmul(features, self.self_kernel)

        if self.relational_kernels is None:
            # explicitly calculate the relational kernels if basis matrices are used
            relational_kernels = [
                tf.einsum("ijk,k->ij", self.bases, coeff) for coeff in self.coefficients
            ]
        else:
            relational_kernels = self.relational_kernels

        for i in range(self.num_relationships):
            h_graph = ops.matmul(As[i], features)
            output += ops.matmul(h_graph, relational_kernels[i])

        # Add optional bias & apply activation
        if self.bias is not None:
            output += self.bias
        output = self.activation(output)

        # Add batch dimension back if we removed it
        if batch_dim == 1:
            output = ops.expand_dims(output, 0)

        return output


def build_model(n_nodes=7, n_features=5, n_relations=2, n_classes=3):
    """Full-batch RGCN: features (1, N, F) and one (N, N) adjacency per relation; two RGCN layers with 2 bases."""
    x_in = keras.Input(batch_shape=(1, n_nodes, n_features), name="features")
    a_ins = [keras.Input(batch_shape=(n_nodes, n_nodes), name="A_%d" % r) for r in range(n_relations)]
    h = RelationalGraphConvolution(8, num_relationships=n_relations, num_bases=2, activation="relu")([x_in] + a_ins)
    out = RelationalGraphConvolution(n_classes, num_relationships=n_relations, num_bases=2,
                                      activation="softmax")([h] + a_ins)
    return keras.Model([x_in] + a_ins, out)
