"""A CSI/RSSI indoor-localisation "GNN-Fusion" model builds each graph convolution as `layers.Lambda(lambda x: tf.matmul(adj_matrix, x))(graph_conv)`: the Lambda's function uses `adj_matrix`, a tensor produced by other layers outside it, instead of taking it as an input; on Keras 3 wiring that Lambda raises.

From Sedki-Ben/completely-new, `src/models/advanced_architectures.py` (6b049ab, 2025, `tf.keras` on TF 2.13+ with
`.keras` checkpoints). `GraphNeuralNetworkFusion._graph_conv_layer(x, filters)` learns an adjacency matrix
(`Dense(x.shape[1], activation='softmax')` then a Lambda computing A A^T), projects the node features with
`Dense(filters)`, and applies H' = A H W with a Lambda that receives only H and reads A from the enclosing scope. The
graph branch is never built: Keras 3 traces the Lambda's function on a placeholder for its one input, and the captured
`adj_matrix` is a symbolic KerasTensor of the outer functional graph. The same repository later added
`train_gnn_fusion_fixed.py`, whose `_graph_conv_layer` passes `[adj_matrix, graph_conv]` to the Lambda: the fix.

Porting edits: none; the class is the repository's, `_uncertainty_loss` included. build_model() instantiates it with
the repository's input shapes (104 CSI features as a (104, 1) sequence, one RSSI value), as its training script does,
and raises in the first graph convolution, before `_multi_head_attention` (which applies raw `tf` ops to KerasTensors
and would fail on its own).
"""

SOURCE = "https://github.com/Sedki-Ben/completely-new/blob/6b049abf0b0a8f24100a8a2332346cfd7830c232/src/models/advanced_architectures.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/by_completelynew_gnnfusion_lambda_closes_over_adjacency_keras_tensor.py:
build_model() raised NotImplementedError: Exception encountered when calling Lambda.call().
probe_sciann.py (full message): "We could not automatically infer the shape of the Lambda's output. Please specify the
`output_shape` argument for this Lambda layer." with args=(KerasTensor shape=(None, 104, 64)): the output of
Dense(64), i.e. the Lambda that reads `adj_matrix` from the closure (the A A^T Lambda before it, which uses only its
input, wires fine). No model is returned."""

import tensorflow as tf
from tensorflow.keras import Model, layers


class GraphNeuralNetworkFusion:
    """
    Graph Neural Network with CSI-RSSI Fusion
    """

    def __init__(self, input_shape_csi, input_shape_rssi, output_shape=2, num_heads=4):
        """Initialize the Graph Neural Network Fusion model."""
        self.input_shape_csi = input_shape_csi
        self.input_shape_rssi = input_shape_rssi
        self.output_shape = output_shape
        self.num_heads = num_heads
        self.model = self._build_model()

    def _graph_conv_layer(self, x, filters, activation='relu'):
        """Graph convolution layer for subcarrier relationship modeling."""
        # Learnable adjacency matrix
        adj_matrix = layers.Dense(x.shape[1], activation='softmax')(x)
        adj_matrix = layers.Lambda(lambda x: tf.matmul(x, tf.transpose(x, [0, 2, 1])))(adj_matrix)

        # Graph convolution: H' = σ(AHW)
        graph_conv = layers.Dense(filters)(x)
        graph_conv = layers.Lambda(lambda x: tf.matmul(adj_matrix, x))(graph_conv)
        graph_conv = layers.BatchNormalization()(graph_conv)
        graph_conv = layers.Activation(activation)(graph_conv)

        return graph_conv, adj_matrix

    def _multi_head_attention(self, csi_features, rssi_features):
        """Multi-head attention mechanism for CSI-RSSI fusion."""
        query = layers.Dense(64)(csi_features)
        key = layers.Dense(64)(rssi_features)
        value = layers.Dense(64)(rssi_features)
        attention_outputs = []
        for head in range(self.num_heads):
            attention_scores = tf.matmul(query, tf.transpose(key, [0, 2, 1]))
            attention_scores = attention_scores / tf.math.sqrt(64.0)
            attention_weights = tf.nn.softmax(attention_scores, axis=-1)
            head_output = tf.matmul(attention_weights, value)
            attention_outputs.append(head_output)
        multi_head_output = tf.concat(attention_outputs, axis=-1)
        return multi_head_output

    def _build_model(self):
        """Build the Graph Neural Network Fusion architecture."""
        csi_input = layers.Input(shape=self.input_shape_csi, name='csi_input')
        x = layers.Conv1D(64, 3, padding='same', activation='relu')(csi_input)
        x = layers.BatchNormalization()(x)

        # Graph convolution layers
        x, adj1 = self._graph_conv_layer(x, 64)
        x = layers.Dropout(0.2)(x)
        x, adj2 = self._graph_conv_layer(x, 128)
        x = layers.Dropout(0.2)(x)
        x, adj3 = self._graph_conv_layer(x, 64)
        x = layers.Dropout(0.2)(x)

        csi_features = layers.GlobalAveragePooling1D()(x)

        rssi_input = layers.Input(shape=self.input_shape_rssi, name='rssi_input')
        y = layers.Dense(32, activation='relu')(rssi_input)
        y = layers.BatchNormalization()(y)
        y = layers.Dropout(0.2)(y)

        attended_features = self._multi_head_attention(
            tf.expand_dims(csi_features, axis=1),
            tf.expand_dims(y, axis=1)
        )
        attended_features = layers.Flatten()(attended_features)
        combined = layers.Concatenate()([csi_features, y, attended_features])

        z = layers.Dense(128, activation='relu')(combined)
        z = layers.BatchNormalization()(z)
        z = layers.Dropout(0.3)(z)
        z = layers.Dense(64, activation='relu')(z)
        z = layers.BatchNormalization()(z)
        z = layers.Dropout(0.2)(z)
        coordinates = layers.Dense(self.output_shape, name='coordinates')(z)
        uncertainty = layers.Dense(self.output_shape, activation='exponential', name='uncertainty')(z)

        model = Model(inputs=[csi_input, rssi_input], outputs=[coordinates, uncertainty])
        model.compile(
            optimizer='adam',
            loss={'coordinates': 'mse', 'uncertainty': self._uncertainty_loss},
            metrics={'coordinates': 'mae'}
        )
        return model

    def _uncertainty_loss(self, y_true, y_pred):
        """Custom loss function for uncertainty estimation."""
        return tf.reduce_mean(tf.square(y_pred))


def build_model():
    return GraphNeuralNetworkFusion(input_shape_csi=(104, 1), input_shape_rssi=(1,), output_shape=2).model
