"""Correct: a Keras 3 GINConv builds its MLP as a `Sequential` inside `build()`, learns epsilon with `add_weight`, and caches the cast edge index on `self` in `call()`.

keras-geometric is a GNN library for Keras 3 (any backend). Its `GINConv` sets `self.mlp = None`
and `self.eps = None` in `__init__`; `build()` replaces them with a `keras.Sequential` of Dense
(and Dropout) layers that it builds explicitly with `(None, input_dim)`, and with a trainable
`eps` weight; `call()` stores `ops.cast(edge_index, "int32")` on `self._cached_edge_idx` when the
edge tensor changes, then runs the message-passing base class (gather, segment-sum, update).
Attributes that start as `None`, a model built inside a layer's `build()`, and a tensor written to
`self` during `call()` look like untracked or per-call state; the MLP and epsilon are tracked and
trained, and the cache holds no weight.
"""

SOURCE = "https://github.com/Huvinesh-Rajendran-12/keras-geometric/blob/ff6568b9abc24ddd28179618ebe1f539285dfd2e/src/keras_geometric/layers/gin_conv.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oke_gin_conv_mlp_sequential_built_in_build_edge_cache.py:
as returned: GINClassifier, count_params() = 213, 10 weights, unbuilt: none
after call: count_params() = 213, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gin_conv': 113, 'gin_conv_1': 100}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import initializers, layers, ops


class MessagePassing(layers.Layer):
    def __init__(self, aggregator="mean", **kwargs):
        super().__init__(**kwargs)
        self.aggregator = aggregator

    def message(self, x_i, x_j, **kwargs):
        return x_j

    def aggregate(self, messages, target_idx, num_nodes):
        if self.aggregator == "sum":
            return ops.segment_sum(messages, target_idx, num_segments=num_nodes)
        if self.aggregator == "max":
            return ops.segment_max(messages, target_idx, num_segments=num_nodes)
        total = ops.segment_sum(messages, target_idx, num_segments=num_nodes)
        counts = ops.segment_sum(ops.ones_like(messages[:, :1]), target_idx, num_segments=num_nodes)
        return total / ops.maximum(counts, 1.0)

    def update(self, aggregated, x=None):
        return aggregated

    def propagate(self, x, edge_index, **kwargs):
        num_nodes = ops.shape(x)[0]
        source_idx, target_idx = edge_index[0], edge_index[1]
        x_j = ops.take(x, source_idx, axis=0)
        x_i = ops.take(x, target_idx, axis=0)
        messages = self.message(x_i, x_j, **kwargs)
        aggregated = self.aggregate(messages, target_idx, num_nodes)
        return self.update(aggregated, x=x)


class GINConv(MessagePassing):
    def __init__(self, output_dim, mlp_hidden, aggregator="sum", eps_init=0.0, train_eps=True,
                 dropout_rate=0.0, activation="relu", **kwargs):
        super().__init__(aggregator=aggregator, **kwargs)
        self.output_dim = output_dim
        self.mlp_hidden = mlp_hidden
        self.eps_init = eps_init
        self.train_eps = train_eps
        self.dropout_rate = dropout_rate
        self.activation = activation
        # Initialize attributes that will be defined in build
        self.mlp = None
        self.eps = None
        self._cached_edge_idx = None
        self._cached_edge_idx_hash = None

    def build(self, input_shape):
        input_dim = input_shape[0][1]
        if self.train_eps:
            self.eps = self.add_weight(name="eps", shape=(1,), initializer=initializers.Constant(self.eps_init),
                                       trainable=True)
        else:
            self.eps = self.eps_init
        mlp_layers = []
        for i, hidden_dim in enumerate(self.mlp_hidden):
            mlp_layers.append(layers.Dense(hidden_dim, activation=self.activation, name=f"mlp_hidden_{i}"))
            if self.dropout_rate > 0:
                mlp_layers.append(layers.Dropout(self.dropout_rate))
        mlp_layers.append(layers.Dense(self.output_dim, activation=None, name="mlp_output"))
        self.mlp = keras.Sequential(mlp_layers, name="gin_mlp")
        # Build the MLP with the correct input shape
        self.mlp.build((None, input_dim))
        super().build(input_shape)

    def update(self, aggregated, x=None):
        if self.train_eps:
            h = (1 + self.eps) * x + aggregated
        else:
            h = (1 + self.eps_init) * x + aggregated
        return self.mlp(h)

    def call(self, inputs, training=None):
        x, edge_index = inputs[0], inputs[1]
        edge_index_hash = hash(edge_index.ref()) if hasattr(edge_index, "ref") else id(edge_index)
        if self._cached_edge_idx is None or self._cached_edge_idx_hash != edge_index_hash:
            self._cached_edge_idx = ops.cast(edge_index, dtype="int32")
            self._cached_edge_idx_hash = edge_index_hash
        return self.propagate(x, self._cached_edge_idx, training=training)

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], self.output_dim)


class GINClassifier(keras.Model):
    def __init__(self, hidden_dim, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = GINConv(hidden_dim, mlp_hidden=[hidden_dim], dropout_rate=0.2)
        self.conv2 = GINConv(num_classes, mlp_hidden=[hidden_dim])

    def call(self, inputs, training=None):
        x, edge_index = inputs
        h = self.conv1([x, edge_index], training=training)
        h = ops.relu(h)
        return ops.softmax(self.conv2([h, edge_index], training=training))


def build_model():
    rng = np.random.default_rng(0)
    x = rng.random((6, 4)).astype("float32")
    edge_index = np.array([[0, 1, 2, 3, 4, 5, 1, 2], [1, 2, 3, 4, 5, 0, 0, 1]], dtype="int32")
    model = GINClassifier(hidden_dim=8, num_classes=3)
    model([x, edge_index])
    return model, [x, edge_index]
