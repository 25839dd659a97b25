"""cshjin/GCN-TF2.0's GCNConv stores `self.activity_regularizer` (and its other settings) and only then
calls `super().__init__()`, with no kwargs: Keras's `Layer.__init__` resets `activity_regularizer` to
None, so a regulariser passed to the layer is silently dropped and never reaches `model.losses`; `name=`
and other Keras kwargs are swallowed the same way.

From cshjin/GCN-TF2.0 (`models/layers.py`, commit 15232a7 "Rename layer API"), a TF2 re-implementation of
Kipf & Welling's GCN. `GCNConv(units, activation, use_bias, kernel_*/bias_* initializers, regularizers
and constraints, activity_regularizer, **kwargs)` assigns every option to `self`, ending with
`self.activity_regularizer = regularizers.get(activity_regularizer)`, then calls
`super(GCNConv, self).__init__()`. `build` makes `weight` and `bias` with `add_weight` (guarded by
`hasattr`), `call` computes `An @ (X @ W) + b` with sparse matmuls. The repo's `GCN` object stacks
`GCNConv(sizes[0], activation='relu')` and `GCNConv(sizes[1])` on a sparse normalised adjacency. (The
`kernel_regularizer` it stores is also never passed to `add_weight`; that loss is outside the catalog.)

Porting edits: none to the layer. `build_model()` wires the repo's two layers in a functional model on
a sparse adjacency and dense features of a 5-node graph (the repo feeds sparse features, dense ones
take the `dot` branch of the same `call`), passing the first layer the `activity_regularizer` and
`name` its signature advertises, which the repo's own GCN leaves at their defaults - so the loss shows
only for a caller that uses the option; doubt kept: the author's runs never hit it.
"""

SOURCE = "https://github.com/cshjin/GCN-TF2.0/blob/15232a7da73dbca0591a0f8551d7b0fc4495f3de/models/layers.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/ao_gcntf20_gcnconv_activity_regularizer_set_before_super_init.py:
as returned: Functional, count_params() = 195, 4 weights, unbuilt: none
after call: count_params() = 195, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gcn_conv': 144, 'gcn_conv_1': 51}
second call: 0 variables watched that the first call did not use
Own probe (probe_gcnconv.py): the first GCNConv, built with activity_regularizer=l2(5e-4) and name='gcn_layer1', reports name = gcn_conv and activity_regularizer = None; model.losses after a training call is []. Weights themselves are tracked and trained (see above)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import activations, regularizers, constraints, initializers
spdot = tf.sparse.sparse_dense_matmul
dot = tf.matmul


class GCNConv(tf.keras.layers.Layer):

    def __init__(self,
                 units,
                 activation=lambda x: x,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 kernel_regularizer=None,
                 kernel_constraint=None,
                 bias_initializer='zeros',
                 bias_regularizer=None,
                 bias_constraint=None,
                 activity_regularizer=None,
                 **kwargs):

        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

        super(GCNConv, self).__init__()

    def build(self, input_shape):
        """ GCN has two inputs : [shape(An), shape(X)]
        """
        # gsize = input_shape[0][0]  # graph size
        fdim = input_shape[1][1]  # feature dim

        if not hasattr(self, 'weight'):
            self.weight = self.add_weight(name="weight",
                                          shape=(fdim, self.units),
                                          initializer=self.kernel_initializer,
                                          constraint=self.kernel_constraint,
                                          trainable=True)
        if self.use_bias:
            if not hasattr(self, 'bias'):
                self.bias = self.add_weight(name="bias",
                                            shape=(self.units, ),
                                            initializer=self.bias_initializer,
                                            constraint=self.bias_constraint,
                                            trainable=True)
        super(GCNConv, self).build(input_shape)

    def call(self, inputs):
        """ GCN has two inputs : [An, X]
        """
        self.An = inputs[0]
        self.X = inputs[1]

        if isinstance(self.X, tf.SparseTensor):
            h = spdot(self.X, self.weight)
        else:
            h = dot(self.X, self.weight)
        output = spdot(self.An, h)

        if self.use_bias:
            output = tf.nn.bias_add(output, self.bias)

        if self.activation:
            output = self.activation(output)

        return output


def _graph(n=5, f=8):
    adj = np.eye(n, dtype="float32")
    for i in range(n - 1):
        adj[i, i + 1] = adj[i + 1, i] = 0.5
    idx = np.argwhere(adj != 0).astype("int64")
    an = tf.SparseTensor(indices=idx, values=adj[adj != 0], dense_shape=(n, n))
    x = tf.constant(np.random.default_rng(0).random((n, f)).astype("float32"))
    return an, x


def build_model():
    an_in = tf.keras.Input(shape=(5,), batch_size=5, sparse=True)
    x_in = tf.keras.Input(shape=(8,), batch_size=5)
    h1 = GCNConv(16, activation='relu', activity_regularizer=regularizers.l2(5e-4),
                 name="gcn_layer1")([an_in, x_in])
    h2 = GCNConv(3)([an_in, h1])
    model = tf.keras.Model([an_in, x_in], h2)
    an, x = _graph()
    return model, [an, x]
