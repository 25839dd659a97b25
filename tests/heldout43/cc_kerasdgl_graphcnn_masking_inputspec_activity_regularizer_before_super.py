"""keras-deep-graph-learning's first `GraphCNN` (a spectral graph convolution layer) sets its settings before
calling `super().__init__(**kwargs)` at the end of `__init__` (LD013): `self.activity_regularizer =
regularizers.get(activity_regularizer)`, `self.supports_masking = True` and `self.input_spec = InputSpec(min_ndim=2)`.
On Keras 3, `Layer.__init__` sets all three again from its own arguments: the activity regularizer becomes `None`
(GraphCNN takes it as a named parameter and does not pass it on), `supports_masking` becomes False (there is no
`compute_mask` override) and `input_spec` becomes None. All three are silently reset: the layer trains, but a
user's activity regularizer never adds a loss, and a masked input is refused with a warning that the mask is
destroyed.

From vermaMachineLearning/keras-deep-graph-learning (keras_dgl: graph convolution, attention, recurrent and capsule
layers for Keras), `keras_dgl/layers/layers_sequential.py` at a6997bd (2018-04-20, "layer upload"). `GraphCNN(
output_dim, graph_conv_filters, activation, use_bias, ..., activity_regularizer, ...)` keeps the stacked graph
filters `[A_norm; A_norm @ A_norm]` as `K.constant` (a fixed input, fine), makes `kernel` (num_filters * input_dim,
output_dim) and `bias` in `build()`, and in `call()` multiplies the node features by each filter and by the kernel.
The repository's later `graph_cnn_layer.py` (the module `keras_dgl.layers` exports) calls `super().__init__` first.

Porting edits: `keras.engine.topology.Layer` / `keras.engine.InputSpec` / `keras.*` -> `tensorflow.keras.layers.
Layer` / `tensorflow.keras.layers.InputSpec` / `tensorflow.keras.*` (Keras 3 keeps the legacy `K.dot`, `K.constant`...
in `tensorflow.keras.backend`); `input_shape=` on the first layer -> an `Input`; `get_config` is left out. The model
follows the repository's `examples/gcnn_node_classification_example.py` (two GraphCNN layers with `elu`, L2 kernel
regularizers, Dropout 0.2, softmax) on a small graph of ours (Cora has 2708 nodes): 20 nodes on a ring with a few
chords, 16 features, 4 classes, symmetric-normalised adjacency, `num_filters = 2`. The nodes are the batch axis,
so build_model() returns the model and the whole node feature matrix.
"""

SOURCE = "https://github.com/vermaMachineLearning/keras-deep-graph-learning/blob/a6997bda49a325d3fd41712115fa1d77fac11df3/keras_dgl/layers/layers_sequential.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/cc_kerasdgl_graphcnn_masking_inputspec_activity_regularizer_before_super.py:
as returned: Sequential, count_params() = 660, 4 weights, unbuilt: none
after call: count_params() = 660, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_cnn': 528, 'graph_cnn_1': 132}
second call: 0 variables watched that the first call did not use
(The example passes no activity regularizer and no mask, so the model itself trains normally: 4 weights, all with gradients.) probe_gcnn.py: right after GraphCNN(8, filters, activity_regularizer=l2(0.01)) the layer has supports_masking False, input_spec None and activity_regularizer None (all three set before super().__init__(), reset by it); after one call it has 0 losses, where a Dense given the same activity_regularizer has 1; wired after a Masking layer it warns 'Layer graph_cnn (of type GraphCNN) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information.' build() sets input_spec again, so call() still works."""

import numpy as np
from tensorflow.keras import activations, initializers, constraints
from tensorflow.keras import regularizers
import tensorflow.keras.backend as K
from tensorflow.keras.layers import Layer
from tensorflow.keras.layers import InputSpec
import tensorflow as tf


class GraphCNN(Layer):

    def __init__(self,
                 output_dim,
                 graph_conv_filters,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):

        self.output_dim = output_dim

        self.num_filters = int(graph_conv_filters.shape[-2]/graph_conv_filters.shape[-1])
        self.graph_conv_filters = K.constant(graph_conv_filters)

        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_initializer.__name__ = kernel_initializer
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.supports_masking = True
        self.input_spec = InputSpec(min_ndim=2)

        super(GraphCNN, self).__init__(**kwargs)

    def build(self, input_shape):

        self.input_dim = input_shape[-1]
        kernel_shape = (self.num_filters * self.input_dim, self.output_dim)

        self.kernel = self.add_weight(shape=kernel_shape,
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.output_dim,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None

        self.input_spec = InputSpec(ndim=len(input_shape), axes={-1: self.input_dim})
        self.built = True

    def call(self, inputs):

        if self.input_spec.ndim == 2:
            conv_op = K.dot(self.graph_conv_filters, inputs)
            conv_op = tf.split(conv_op, self.num_filters, axis=0)
            conv_op = K.concatenate(conv_op, axis=1)
            output = K.dot(conv_op, self.kernel)

        if self.input_spec.ndim == 3:
            conv_op = K.batch_dot(self.graph_conv_filters, inputs)
            conv_op = tf.split(conv_op, self.num_filters, axis=1)
            conv_op = K.concatenate(conv_op, axis=2)
            output = K.dot(conv_op, self.kernel)

        if self.use_bias:
            output = K.bias_add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)

        return output

    def compute_output_shape(self, input_shape):
        if self.input_spec.ndim == 2:
            return (input_shape[0], self.output_dim)
        if self.input_spec.ndim == 3:
            return (input_shape[0], input_shape[1], self.output_dim)


def preprocess_adj_numpy(adj, symmetric=True):  # as examples/utils.py: A + I, then D^-1/2 (A + I) D^-1/2
    adj = adj + np.eye(adj.shape[0])
    d = np.diag(np.power(np.array(adj.sum(1)), -0.5).flatten(), 0)
    return adj.dot(d).transpose().dot(d) if symmetric else np.diag(1.0 / adj.sum(1)).dot(adj)


def build_model(n_nodes=20, n_features=16, n_classes=4):
    rng = np.random.default_rng(0)
    A = np.zeros((n_nodes, n_nodes))
    for i in range(n_nodes):
        A[i, (i + 1) % n_nodes] = A[(i + 1) % n_nodes, i] = 1.0
    for i, j in [(0, 10), (3, 15), (5, 12), (7, 18)]:
        A[i, j] = A[j, i] = 1.0
    X = rng.random((n_nodes, n_features)).astype('float32')
    X /= X.sum(1).reshape(-1, 1)

    # Build Graph Convolution filters
    SYM_NORM = True
    A_norm = preprocess_adj_numpy(A, SYM_NORM)
    graph_conv_filters = np.concatenate([A_norm, np.matmul(A_norm, A_norm)], axis=0)

    # Build Model
    model = tf.keras.Sequential()
    model.add(tf.keras.Input(shape=(X.shape[1],)))
    model.add(GraphCNN(16, graph_conv_filters, activation='elu', kernel_regularizer=regularizers.l2(5e-4)))
    model.add(tf.keras.layers.Dropout(0.2))
    model.add(GraphCNN(n_classes, graph_conv_filters, activation='elu', kernel_regularizer=regularizers.l2(5e-4)))
    model.add(tf.keras.layers.Activation('softmax'))
    return model, X
