"""A Keras 3 GraphSAGE layer creates a new `Dropout` inside `message()` and `call()` on every training step: `fit` fails on TensorFlow.

keras-geometric is a GNN library for Keras 3 (any backend). Its `SAGEConv` builds its Dense
transforms and bias in `build()`, but applies dropout by writing
`dropout_layer = layers.Dropout(self.dropout_rate)` inside `message()` (on the neighbour features)
and inside `call()` (on the node's own features) whenever `training` is true. Each of those
Dropout layers is a new, untracked sublayer with its own seed-generator state, made on every call;
on the TensorFlow backend the compiled training step (what `model.fit` runs) refuses to create that
state inside `tf.function`. `build_model()` runs the model once for inference, then the
training-mode forward pass compiled with `tf.function`, as `fit` does.
"""

SOURCE = "https://github.com/Huvinesh-Rajendran-12/keras-geometric/blob/14b1cd7747744bf7acb580d2e2372518372f6b74/src/keras_geometric/layers/sage_conv.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_sage_conv_dropout_layers_made_in_message_and_call.py:
build_model() raised ValueError: in user code:
the same error, further down: tf.function only supports singleton tf.Variables created on the first call (raised from SAGEConv.message's new Dropout)"""

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops


class MessagePassing(layers.Layer):
    def __init__(self, aggregator="mean", **kwargs):
        super().__init__(**kwargs)
        self.aggregator = aggregator

    def aggregate(self, messages, target_idx, num_nodes):
        if self.aggregator == "max":
            return ops.segment_max(messages, target_idx, num_segments=num_nodes)
        total = ops.segment_sum(messages, target_idx, num_segments=num_nodes)
        counts = ops.segment_sum(ops.ones_like(messages[:, :1]), target_idx, num_segments=num_nodes)
        return total / ops.maximum(counts, 1.0)


class SAGEConv(MessagePassing):
    def __init__(self, output_dim, aggregator="mean", normalize=False, root_weight=True, dropout_rate=0.0,
                 use_bias=True, activation="relu", **kwargs):
        super().__init__(aggregator=aggregator, **kwargs)
        self.output_dim = output_dim
        self.normalize = normalize
        self.root_weight = root_weight
        self.dropout_rate = dropout_rate
        self.use_bias = use_bias
        self.activation = keras.activations.get(activation)
        self.lin_neigh = None  # Transform aggregated neighbors
        self.lin_self = None  # Transform self features (if root_weight=True)
        self.bias = None  # Final bias term

    def build(self, input_shape):
        self.lin_neigh = layers.Dense(self.output_dim, use_bias=False, name="linear_neigh")
        if self.root_weight:
            self.lin_self = layers.Dense(self.output_dim, use_bias=False, name="linear_self")
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.output_dim,), initializer="zeros", name="bias", trainable=True)
        super().build(input_shape)

    def message(self, x_i, x_j, training=None):
        # Apply dropout if training
        if self.dropout_rate > 0 and training:
            dropout_layer = layers.Dropout(self.dropout_rate)
            x_j = dropout_layer(x_j, training=training)
        return x_j

    def call(self, inputs, training=None):
        x, edge_index = inputs
        num_nodes = ops.shape(x)[0]
        source_idx, target_idx = edge_index[0], edge_index[1]
        messages = self.message(ops.take(x, target_idx, axis=0), ops.take(x, source_idx, axis=0), training=training)
        aggregated = self.aggregate(messages, target_idx, num_nodes)
        out = self.lin_neigh(aggregated)
        if self.root_weight and self.lin_self is not None:
            x_self = x
            if self.dropout_rate > 0 and training:
                dropout_layer = layers.Dropout(self.dropout_rate)
                x_self = dropout_layer(x_self)
            out = ops.add(self.lin_self(x_self), out)
        if self.use_bias and self.bias is not None:
            out = ops.add(out, self.bias)
        if self.activation is not None:
            out = self.activation(out)
        if self.normalize:
            out = out / ops.maximum(ops.norm(out, axis=-1, keepdims=True), 1e-12)
        return out


class GraphSAGE(keras.Model):
    def __init__(self, hidden_dim, num_classes, dropout_rate=0.5, **kwargs):
        super().__init__(**kwargs)
        self.sage1 = SAGEConv(hidden_dim, aggregator="mean", normalize=True, dropout_rate=dropout_rate)
        self.sage2 = SAGEConv(num_classes, aggregator="max", activation=None, dropout_rate=dropout_rate)

    def call(self, inputs, training=None):
        x, edge_index = inputs
        h = self.sage1([x, edge_index], training=training)
        return ops.softmax(self.sage2([h, edge_index], training=training))


def build_model():
    rng = np.random.default_rng(0)
    x = rng.random((6, 4)).astype("float32")
    edge_index = np.array([[0, 1, 2, 3, 4, 5, 1, 2], [1, 2, 3, 4, 5, 0, 0, 1]], dtype="int32")
    model = GraphSAGE(hidden_dim=8, num_classes=3)
    model([x, edge_index])  # inference: no dropout, builds the weights

    @tf.function
    def training_forward(features, edges):
        return model([features, edges], training=True)

    training_forward(x, edge_index)
    return model, [x, edge_index]
