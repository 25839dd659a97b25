"""A GNN node classifier keeps the whole graph (node features, edges, edge weights) as tensors on `self`.

In the Keras example on node classification with graph neural networks, `GNNNodeClassifier`
receives `graph_info` in its constructor and stores `self.node_features` (a float tensor),
`self.edges` (a NumPy index array) and `self.edge_weights` (`tf.ones(...)` rescaled to sum to 1)
on the model; `call()` takes only a batch of node indices and runs two `GraphConvLayer`s over
the stored graph. Tensors and arrays created in `__init__` and read in `call()` look like weights
that were never registered, but here they are the data the model is conditioned on, not
parameters: all the model's trainable weights sit in its FFN blocks, graph convolutions and logits
layer, and all of them get a gradient.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/graph/gnn_citations.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py okc_gnn_node_classifier_keeps_graph_tensors_on_model.py:
as returned: GNNNodeClassifier, count_params() = 4711, 74 weights, unbuilt: none
after call: count_params() = 4711, 50 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 50 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_conv1': 1664, 'graph_conv2': 1664}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf
from keras import layers


def create_ffn(hidden_units, dropout_rate, name=None):
    fnn_layers = []
    for units in hidden_units:
        fnn_layers.append(layers.BatchNormalization())
        fnn_layers.append(layers.Dropout(dropout_rate))
        fnn_layers.append(layers.Dense(units, activation=tf.nn.gelu))
    return keras.Sequential(fnn_layers, name=name)


class GraphConvLayer(layers.Layer):
    def __init__(self, hidden_units, dropout_rate=0.2, aggregation_type="mean", combination_type="concat",
                 normalize=False, *args, **kwargs):
        super(GraphConvLayer, self).__init__(*args, **kwargs)
        self.aggregation_type = aggregation_type
        self.combination_type = combination_type
        self.normalize = normalize
        self.ffn_prepare = create_ffn(hidden_units, dropout_rate)
        self.update_fn = create_ffn(hidden_units, dropout_rate)

    def prepare(self, node_repesentations, weights=None):
        messages = self.ffn_prepare(node_repesentations)
        if weights is not None:
            messages = messages * tf.expand_dims(weights, -1)
        return messages

    def aggregate(self, node_indices, neighbour_messages, node_repesentations):
        num_nodes = node_repesentations.shape[0]
        if self.aggregation_type == "sum":
            return tf.math.unsorted_segment_sum(neighbour_messages, node_indices, num_segments=num_nodes)
        if self.aggregation_type == "mean":
            return tf.math.unsorted_segment_mean(neighbour_messages, node_indices, num_segments=num_nodes)
        raise ValueError(f"Invalid aggregation type: {self.aggregation_type}.")

    def update(self, node_repesentations, aggregated_messages):
        if self.combination_type == "concat":
            h = tf.concat([node_repesentations, aggregated_messages], axis=1)
        else:
            h = node_repesentations + aggregated_messages
        node_embeddings = self.update_fn(h)
        if self.normalize:
            node_embeddings = tf.nn.l2_normalize(node_embeddings, axis=-1)
        return node_embeddings

    def call(self, inputs):
        node_repesentations, edges, edge_weights = inputs
        node_indices, neighbour_indices = edges[0], edges[1]
        neighbour_repesentations = tf.gather(node_repesentations, neighbour_indices)
        neighbour_messages = self.prepare(neighbour_repesentations, edge_weights)
        aggregated_messages = self.aggregate(node_indices, neighbour_messages, node_repesentations)
        return self.update(node_repesentations, aggregated_messages)


class GNNNodeClassifier(keras.Model):
    def __init__(self, graph_info, num_classes, hidden_units, aggregation_type="sum",
                 combination_type="concat", dropout_rate=0.2, normalize=True, *args, **kwargs):
        super(GNNNodeClassifier, self).__init__(*args, **kwargs)

        # Unpack graph_info to three elements: node_features, edges, and edge_weight.
        node_features, edges, edge_weights = graph_info
        self.node_features = node_features
        self.edges = edges
        self.edge_weights = edge_weights
        if self.edge_weights is None:
            self.edge_weights = tf.ones(shape=edges.shape[1])
        # Scale edge_weights to sum to 1.
        self.edge_weights = self.edge_weights / tf.math.reduce_sum(self.edge_weights)

        self.preprocess = create_ffn(hidden_units, dropout_rate, name="preprocess")
        self.conv1 = GraphConvLayer(hidden_units, dropout_rate, aggregation_type, combination_type,
                                    normalize, name="graph_conv1")
        self.conv2 = GraphConvLayer(hidden_units, dropout_rate, aggregation_type, combination_type,
                                    normalize, name="graph_conv2")
        self.postprocess = create_ffn(hidden_units, dropout_rate, name="postprocess")
        self.compute_logits = layers.Dense(units=num_classes, name="logits")

    def call(self, input_node_indices):
        x = self.preprocess(self.node_features)
        x1 = self.conv1((x, self.edges, self.edge_weights))
        x = x1 + x
        x2 = self.conv2((x, self.edges, self.edge_weights))
        x = x2 + x
        x = self.postprocess(x)
        node_embeddings = tf.gather(x, input_node_indices)
        return self.compute_logits(node_embeddings)


def build_model():
    rng = np.random.default_rng(0)
    num_nodes, num_features = 30, 12
    edges = rng.integers(0, num_nodes, size=(2, 80))
    edge_weights = tf.ones(shape=edges.shape[1])
    node_features = tf.cast(rng.integers(0, 2, size=(num_nodes, num_features)), dtype=tf.float32)
    graph_info = (node_features, edges, edge_weights)
    gnn_model = GNNNodeClassifier(graph_info=graph_info, num_classes=7, hidden_units=[16, 16],
                                  dropout_rate=0.5, name="gnn_model")
    node_ids = np.array([1, 10, 20], dtype="int32")
    gnn_model(node_ids)
    return gnn_model, node_ids
