"""The same repository's "fixed" GNN-Fusion graph convolution passes the learned adjacency into the Lambda, `layers.Lambda(apply_adjacency)([adj_matrix, graph_conv])`, where `apply_adjacency` unpacks `adj, features = inputs`: a Lambda holding a nested function but capturing nothing, so every weight is wired, tracked and trained.

From Sedki-Ben/completely-new, `train_gnn_fusion_fixed.py` (6b049ab, 2025), written after the original
`src/models/advanced_architectures.py` whose Lambda read `adj_matrix` from the enclosing scope (the `by_completelynew`
bug case). `GraphNeuralNetworkFusionFixed._graph_conv_layer` keeps the learnable adjacency
(`Dense(x.shape[1], activation='softmax')`) and the feature projection `Dense(filters)` as ordinary functional layers
and only does the matrix product in the Lambda, on both tensors given as inputs. The function is defined inside the
method (a closure by scope) but uses nothing from it.

Porting edits: none to `_graph_conv_layer` (the method is the repository's). The case wires the file's graph stack
only (three graph convolutions of 64, 128 and 64 filters with Dropout 0.2, as `_build_model` does, then global pooling
and the `coordinates` Dense head): the file's multi-head fusion passes 2-D tensors to `tf.transpose(k, [0, 2, 1])`
and fails on a rank error unrelated to weight tracking (probe_gnn.py), so it is left out. build_model() returns the
model on (104, 1) CSI sequences.
"""

SOURCE = "https://github.com/Sedki-Ben/completely-new/blob/6b049abf0b0a8f24100a8a2332346cfd7830c232/train_gnn_fusion_fixed.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/okby_completelynew_gnnfusionfixed_lambda_takes_adjacency_as_input.py:
as returned: Functional, count_params() = 38242, 26 weights, unbuilt: none
after call: count_params() = 38242, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(26 weights = 3 x (adjacency Dense, feature Dense, BatchNormalization 4) + the head; the 6 non-trainable ones are the
BN moving statistics. The adjacency Dense kernels get gradients through the Lambda's first input.)"""

import tensorflow as tf
from tensorflow.keras import Model, layers


class GraphNeuralNetworkFusionFixed:
    """Graph Neural Network with CSI-RSSI Fusion - Fixed for Real Data (graph stack only)"""

    def __init__(self, input_shape_csi, output_shape=2):
        self.input_shape_csi = input_shape_csi
        self.output_shape = output_shape
        self.model = self._build_model()

    def _graph_conv_layer(self, x, filters, activation='relu'):
        """Graph convolution layer for subcarrier relationship modeling."""
        # Learnable adjacency matrix - simplified for real data
        adj_matrix = layers.Dense(x.shape[1], activation='softmax')(x)

        # Graph convolution: H' = σ(AHW)
        graph_conv = layers.Dense(filters)(x)

        # Apply adjacency matrix
        def apply_adjacency(inputs):
            adj, features = inputs
            return tf.matmul(adj, features)

        graph_conv = layers.Lambda(apply_adjacency)([adj_matrix, graph_conv])
        graph_conv = layers.BatchNormalization()(graph_conv)
        graph_conv = layers.Activation(activation)(graph_conv)

        return graph_conv

    def _build_model(self):
        csi_input = layers.Input(shape=self.input_shape_csi, name='csi_input')
        x = self._graph_conv_layer(csi_input, 64)
        x = layers.Dropout(0.2)(x)
        x = self._graph_conv_layer(x, 128)
        x = layers.Dropout(0.2)(x)
        x = self._graph_conv_layer(x, 64)
        x = layers.Dropout(0.2)(x)
        x = layers.GlobalAveragePooling1D()(x)
        coordinates = layers.Dense(self.output_shape, name='coordinates')(x)
        return Model(inputs=csi_input, outputs=coordinates)


def build_model():
    return GraphNeuralNetworkFusionFixed(input_shape_csi=(104, 1), output_shape=2).model
