"""A Keras 3 graph library's GIN convolution creates its MLP (`Dense` hidden layers + output `Dense`
wrapped in a `keras.Sequential`) inside `build()`, assigns it to `self.mlp` there, and calls it on
node features plus segment-aggregated neighbour messages in `call()`.

From Huvinesh-Rajendran-12/keras-geometric (`src/keras_geometric/layers/gin_conv.py` and its base
`layers/message_passing.py`, commit 3892f10). Looks like "sublayers created outside `__init__`"
and "a sublayer that `build()` never builds" (`build()` only instantiates the `Sequential`, it never
calls or builds it), plus an input list `[features, edge_index]` with an integer edge tensor. On
Keras 3 it is correct: `build()` runs before the first `call()` and before `built` is set, so the
assignment is allowed and tracked, the `Sequential` and its `Dense` layers are built by the first call,
every MLP weight is counted and gets a gradient through the `segment_sum` mean aggregation.

Porting edits: docstrings trimmed; `get_config`/`from_config` left out; 5 nodes with 3 features, 6
directed edges, `GINConv(output_dim=4, mlp_hidden=[6])`; `build_model()` wires it in a functional
model with fixed batch shapes (the graph is the batch, as in the repository's examples).
"""

SOURCE = "https://github.com/Huvinesh-Rajendran-12/keras-geometric/blob/3892f10a53e4a4c898c8981ee60c2b527ea9b86d/src/keras_geometric/layers/gin_conv.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okm_kerasgeometric_gin_mlp_sequential_created_in_build.py:
as returned: Functional, count_params() = 52, 4 weights, unbuilt: none
after call: count_params() = 52, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gin_conv': 52}
second call: 0 variables watched that the first call did not use
(52 = mlp_hidden_1 3*6+6 + mlp_output 6*4+4: the Sequential made in build() is tracked and built
while the functional model is wired; no warning.)"""

import keras
from keras import layers, ops


class MessagePassing(layers.Layer):
    def __init__(self, aggregator: str = "mean", **kwargs) -> None:
        super(MessagePassing, self).__init__(**kwargs)
        self.aggregator = aggregator
        assert self.aggregator in ['mean', 'max', 'sum', 'pooling'], f"Invalid aggregation method: {self.aggregator}. Must be one of ['mean', 'max', 'sum', 'pooling']"

    def message(self, x_i, x_j, **kwargs):
        return x_j

    def update(self, aggregated):
        return aggregated

    def aggregate(self, messages, target_idx, num_nodes):
        # Handle empty edge case - if there are no edges, return zeros
        if ops.shape(messages)[0] == 0:
            if hasattr(messages, 'shape') and len(messages.shape) > 1:
                feature_dim = messages.shape[1]
                return ops.zeros((num_nodes, feature_dim), dtype=messages.dtype)
            else:
                return ops.zeros((num_nodes, ops.shape(messages)[1]), dtype=messages.dtype)

        target_idx = ops.cast(target_idx, dtype='int32')
        if self.aggregator == 'mean':
            # Compute segment mean by summing and dividing by count
            segment_sum = ops.segment_sum(
                data=messages,
                segment_ids=target_idx,
                num_segments=num_nodes
            )
            segment_count = ops.segment_sum(
                data=ops.ones_like(messages[:, 0:1]),
                segment_ids=target_idx,
                num_segments=num_nodes
            )
            return ops.divide(
                segment_sum,
                ops.maximum(segment_count, ops.ones_like(segment_count))
            )
        elif self.aggregator == 'max':
            aggr = ops.segment_max(data=messages, segment_ids=target_idx, num_segments=num_nodes)
            return ops.where(
                ops.isinf(aggr),
                ops.zeros_like(aggr),
                aggr
            )
        elif self.aggregator == 'sum':
            return ops.segment_sum(data=messages, segment_ids=target_idx, num_segments=num_nodes)
        else:
            raise ValueError(f"Invalid aggregation method: {self.aggregator}")

    def propagate(self, inputs):
        x, edge_idx = inputs
        N = ops.shape(x)[0]  # Number of nodes
        # If there are no nodes, return empty tensor
        if N == 0:
            F = ops.shape(x)[1]  # Number of features
            return ops.zeros((N, F), dtype=x.dtype)

        # If there are no edges, we'll handle this in aggregate method
        source_node_idx = edge_idx[0]
        target_node_idx = edge_idx[1]
        x_j = ops.take(x, source_node_idx, axis=0)
        x_i = ops.take(x, target_node_idx, axis=0)
        messages = self.message(x_i, x_j)
        aggregated = self.aggregate(messages, target_node_idx, num_nodes=N)
        updates = self.update(aggregated)
        return updates

    def call(self, inputs):
        x, edge_idx = inputs
        edge_idx = ops.cast(edge_idx, dtype='int32')
        return self.propagate([x, edge_idx])


class GINConv(MessagePassing):
    def __init__(self,
            output_dim: int,
            mlp_hidden: list[int],
            aggregator: str = 'mean',
            use_bias: bool = True,
            kernel_initializer: str = 'glorot_uniform',
            bias_initializer: str = 'zeros',
            activation: str = 'relu',
            **kwargs):
        super(GINConv, self).__init__(aggregator=aggregator, **kwargs)
        self.output_dim = output_dim
        self.mlp_hidden = mlp_hidden
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.activation = activation

        assert self.aggregator in ['mean', 'max', 'sum'], f"Invalid aggregation method: {self.aggregator}. Must be one of ['mean', 'max', 'sum']"


    def build(self, input_shape):
        """
        Build the layer weights

        Args:
            input_shape: [(N, F), (2, E)]
        """
        input_dim = input_shape[0]
        if len(input_dim) != 2:
            raise ValueError(f"Input shape must be (N, F), got {input_dim}")

        mlp_layers = []
        for h_dim in self.mlp_hidden:
            mlp_layers.append(
                layers.Dense(
                units=h_dim,
                activation=self.activation,
                kernel_initializer=self.kernel_initializer,
                bias_initializer=self.bias_initializer,
                use_bias=self.use_bias,
                name=f"mlp_hidden_{len(mlp_layers) + 1}",
                ))

        mlp_layers.append(
            layers.Dense(
                units=self.output_dim,
                activation=None,
                kernel_initializer=self.kernel_initializer,
                bias_initializer=self.bias_initializer,
                use_bias=self.use_bias,
                name="mlp_output"))
        self.mlp = keras.Sequential(mlp_layers)


    def call(self, inputs):
        x, edge_idx = inputs

        aggr_neigh = self.propagate([x, edge_idx])

        # combine self features and aggregated neighbors
        h = ops.add(x, aggr_neigh)
        x = self.mlp(h)
        return x


def build_model():
    num_nodes, num_features, num_edges = 5, 3, 6
    x = keras.Input(batch_shape=(num_nodes, num_features), name="node_features")
    edge_index = keras.Input(batch_shape=(2, num_edges), dtype="int32", name="edge_index")
    h = GINConv(output_dim=4, mlp_hidden=[6])([x, edge_index])
    return keras.Model([x, edge_index], h)
