"""GIN graph classifier (tf_geometric demo): a list of GIN models, each wrapping a handed-in Sequential MLP that a functional helper calls, plus a trainable eps made with add_weight in `__init__`.

tf_geometric's `GIN(tf.keras.Model)` stores the `mlp_model` it is given and does not call it itself: its
`call()` hands it to the functional op `gin(x, edge_index, mlp_model, eps)`, which sums neighbour
features through a sparse adjacency and applies the MLP. With `train_eps=True` the layer replaces the
Python float `self.eps` by `self.add_weight("eps", ...)` in `__init__` (no `build()`). The demo's
`GINPoolNetwork` keeps five GIN blocks in a list comprehension, concatenates their outputs, sum-pools
per graph and classifies with another Sequential; its training step differentiates with respect to
`tape.watched_variables()`. Sublayers reached only through a helper function, a float attribute later
rebound to a weight, and lists of models all look like places weights could be lost; on Keras 3 they
are tracked, counted and trained.
Ported to Keras 3 + plain TF: `tf_sparse.SparseMatrix(edge_index) @ x` becomes the equivalent
`tf.math.unsorted_segment_sum` over edges; `tfg.nn.sum_pool` is inlined the same way; the GIN layer
is constructed with `train_eps=True` to exercise the add_weight branch, whose positional name
`add_weight("eps", ...)` Keras 3 refuses (now `name="eps"`); a tiny two-graph batch.
"""

SOURCE = "https://github.com/CrawlScript/tf_geometric/blob/4539f115bfc1896225fd4c663e34351fc7915cfc/tf_geometric/layers/conv/gin.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okg_tfgeometric_gin_pool_network_handed_mlp_models.py:
as returned: GINPoolNetwork, count_params() = count_params() raised ValueError, 3 weights, unbuilt: [the 18 sublayers; only the three eps add_weights exist before the first call, as in the demo]
after call: count_params() = 8181, 25 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 25 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gin': 433, 'gin_1': 609, 'gin_2': 609}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14c/gin_train.py): one Adam step on model.trainable_variables changed 25 of 25 (None grads 0),
including gin/eps, gin_1/eps, gin_2/eps; the demo's tape.watched_variables() sees the same 25 variables."""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def gin(x, edge_index, mlp_model, eps=0.0, training=None):
    num_nodes = tf.shape(x)[0]
    # sparse_adj = SparseMatrix(edge_index, shape=[num_nodes, num_nodes]); neighbor_h = sparse_adj @ x
    neighbor_h = tf.math.unsorted_segment_sum(tf.gather(x, edge_index[1]), edge_index[0], num_nodes)
    h = x * (1.0 + eps) + neighbor_h
    h = mlp_model(h, training=training)
    return h


def sum_pool(x, node_graph_index, num_graphs=None):
    if num_graphs is None:
        num_graphs = tf.reduce_max(node_graph_index) + 1
    return tf.math.unsorted_segment_sum(x, node_graph_index, num_segments=num_graphs)


class GIN(tf.keras.Model):
    """
    Graph Isomorphism Network  Layer
    """

    def __init__(self, mlp_model, eps=0, train_eps=False, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mlp_model = mlp_model

        self.eps = eps
        if train_eps:
            self.eps = self.add_weight(name="eps", shape=[], initializer="zeros")

    def call(self, inputs, cache=None, training=None, mask=None):
        if len(inputs) == 3:
            x, edge_index, _ = inputs
        else:
            x, edge_index = inputs

        return gin(x, edge_index, self.mlp_model, self.eps, training=training)


class GINPoolNetwork(keras.Model):
    def __init__(self, num_gins, units, num_classes, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.gins = [
            GIN(
                keras.Sequential([
                    keras.layers.Dense(units, activation=tf.nn.relu),
                    keras.layers.Dense(units),
                    keras.layers.BatchNormalization(),
                    keras.layers.Activation(tf.nn.relu)
                ]),
                train_eps=True,
            )
            for _ in range(num_gins)  # num_gins blocks
        ]

        self.mlp = keras.Sequential([
            keras.layers.Dense(128, activation=tf.nn.relu),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(num_classes)
        ])

    def call(self, inputs, training=False, mask=None):

        if len(inputs) == 4:
            x, edge_index, edge_weight, node_graph_index = inputs
        else:
            x, edge_index, node_graph_index = inputs
            edge_weight = None

        hidden_outputs = []
        h = x

        for gin_layer in self.gins:
            h = gin_layer([h, edge_index, edge_weight], training=training)
            hidden_outputs.append(h)

        h = tf.concat(hidden_outputs, axis=-1)
        h = sum_pool(h, node_graph_index)
        logits = self.mlp(h, training=training)
        return logits


def build_model():
    model = GINPoolNetwork(3, 16, 2)
    rng = np.random.default_rng(0)
    x = rng.random((7, 5)).astype("float32")
    edges = np.array([[0, 1], [1, 0], [1, 2], [2, 1], [3, 4], [4, 3], [4, 5], [5, 6], [6, 5]], dtype="int32").T
    node_graph_index = np.array([0, 0, 0, 1, 1, 1, 1], dtype="int32")
    return model, [x, edges, node_graph_index]
