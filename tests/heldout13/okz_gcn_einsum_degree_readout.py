"""Dense-adjacency GCN layer that returns (nodes, adj) and a readout layer with no weights, stacked functionally.

From a molecular-property competition repository: `GCNLayer.build()` unpacks `node_shape, adj_shape =
input_shape` and creates one square weight with `add_weight`; `call()` computes the degree with
`reduce_sum(adj)` and applies `tf.einsum('bi,bij,bjk,kl->bil', 1 / degree, adj, nodes, self.w)`, returning
the adjacency untouched for the next layer. `GRLayer` (graph readout) has no weights at all. The same
layer class is instantiated several times (not shared), so each one has its own weight; all get gradients.
"""

SOURCE = "https://github.com/ok69531/dacon/blob/main/gcn_layer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py okz_gcn_einsum_degree_readout.py:
as returned: Functional, count_params() = 353, 7 weights, unbuilt: none
after call: count_params() = 353, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gcn_layer': 64, 'gcn_layer_1': 64, 'gcn_layer_2': 64, 'GRLayer': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow import keras as K


class GCNLayer(tf.keras.layers.Layer):
    '''Implementation of GCN as layer'''
    def __init__(self, activation=None, **kwargs):
        # constructor, which just calls super constructor
        # and turns requested activation into a callable function
        super(GCNLayer, self).__init__(**kwargs)
        self.activation = K.activations.get(activation)

    def build(self, input_shape):
        # create trainable weights
        node_shape, adj_shape = input_shape
        self.w = self.add_weight(shape=(node_shape[2], node_shape[2]), name='w')

    def call(self, inputs):
        # split input into nodes, adj
        nodes, adj = inputs
        # compute degree
        degree = tf.reduce_sum(adj, axis=-1)
        # GCN equation
        new_nodes = tf.einsum('bi,bij,bjk,kl->bil', 1 / degree, adj, nodes, self.w)
        out = self.activation(new_nodes)
        return out, adj


class GRLayer(tf.keras.layers.Layer):
    '''A GNN layer that computes average over all node features'''
    def __init__(self, name='GRLayer', **kwargs):
        super(GRLayer, self).__init__(name=name, **kwargs)

    def call(self, inputs):
        nodes, adj = inputs
        reduction = tf.reduce_mean(nodes, axis=1)
        return reduction


def build_model(n_atoms=9, n_feat=8):
    ninput = tf.keras.Input((n_atoms, n_feat))
    ainput = tf.keras.Input((n_atoms, n_atoms))
    x = GCNLayer('relu')([ninput, ainput])
    x = GCNLayer('relu')(x)
    x = GCNLayer('relu')(x)
    x = GRLayer()(x)
    x = tf.keras.layers.Dense(16, activation='tanh')(x)
    out = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs=(ninput, ainput), outputs=out)
