"""Traffic-forecasting GNN: GraphConv keeps its projection matrix as a `tf.Variable` made in `__init__`.

The keras.io example "Traffic forecasting using graph neural networks and LSTM" (tf.keras version,
PR #761) combines a graph convolution with an LSTM (`LSTMGC`). `GraphConv.__init__` stores
`self.weight = tf.Variable(glorot_uniform()(shape=(in_feat, out_feat)), trainable=True)` and both
`compute_nodes_representation` and `compute_aggregated_messages` multiply by it. On tf.keras 2 the
variable was tracked; on Keras 3 a backend-native `tf.Variable` on a layer is not: the graph
convolution's weight is missing from the model's weights, summary and optimizer.
Ported as written (`from tensorflow import keras` now resolves to Keras 3); only the PeMSD7 graph
is replaced by a 5-node ring so the model builds without downloading the data set.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/12350629df5b917bcecf7fc318ec2ef6742c12c1/examples/timeseries/timeseries_traffic_forecasting.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py g_kerasio_traffic_graphconv_weight_tf_variable.py:
as returned: Functional, count_params() = 2419, 5 weights, unbuilt: none
after call: count_params() = 2419, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'lstmgc': 2419, 'graph_conv': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14c/fitcheck.py): one fit step changed 5 of 5 tracked weights (LSTM, Dense);
the untracked tf.Variable graph_conv.weight (1, 10) was not changed by fit (the optimizer never sees it)."""

import typing

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class GraphInfo:
    def __init__(self, edges: typing.Tuple[list, list], num_nodes: int):
        self.edges = edges
        self.num_nodes = num_nodes


class GraphConv(layers.Layer):
    def __init__(
        self,
        in_feat,
        out_feat,
        graph_info: GraphInfo,
        aggregation_type="mean",
        combination_type="concat",
        activation: typing.Optional[str] = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.in_feat = in_feat
        self.out_feat = out_feat
        self.graph_info = graph_info
        self.aggregation_type = aggregation_type
        self.combination_type = combination_type
        self.weight = tf.Variable(
            initial_value=keras.initializers.glorot_uniform()(
                shape=(in_feat, out_feat), dtype="float32"
            ),
            trainable=True,
        )
        self.activation = layers.Activation(activation)

    def aggregate(self, neighbour_representations: tf.Tensor):
        aggregation_func = {
            "sum": tf.math.unsorted_segment_sum,
            "mean": tf.math.unsorted_segment_mean,
            "max": tf.math.unsorted_segment_max,
        }.get(self.aggregation_type)

        if aggregation_func:
            return aggregation_func(
                neighbour_representations,
                self.graph_info.edges[0],
                num_segments=self.graph_info.num_nodes,
            )

        raise ValueError(f"Invalid aggregation type: {self.aggregation_type}")

    def compute_nodes_representation(self, features: tf.Tensor):
        return tf.matmul(features, self.weight)

    def compute_aggregated_messages(self, features: tf.Tensor):
        neighbour_representations = tf.gather(features, self.graph_info.edges[1])
        aggregated_messages = self.aggregate(neighbour_representations)
        return tf.matmul(aggregated_messages, self.weight)

    def update(self, nodes_representation: tf.Tensor, aggregated_messages: tf.Tensor):
        if self.combination_type == "concat":
            h = tf.concat([nodes_representation, aggregated_messages], axis=-1)
        elif self.combination_type == "add":
            h = nodes_representation + aggregated_messages
        else:
            raise ValueError(f"Invalid combination type: {self.combination_type}.")

        return self.activation(h)

    def call(self, features: tf.Tensor):
        nodes_representation = self.compute_nodes_representation(features)
        aggregated_messages = self.compute_aggregated_messages(features)
        return self.update(nodes_representation, aggregated_messages)


class LSTMGC(layers.Layer):
    """Layer comprising a convolution layer followed by LSTM and dense layers."""

    def __init__(
        self,
        in_feat,
        out_feat,
        lstm_units: int,
        input_seq_len: int,
        output_seq_len: int,
        graph_info: GraphInfo,
        graph_conv_params: typing.Optional[dict] = None,
        **kwargs,
    ):
        super().__init__(**kwargs)

        if graph_conv_params is None:
            graph_conv_params = {
                "aggregation_type": "mean",
                "combination_type": "concat",
                "activation": None,
            }
        self.graph_conv = GraphConv(in_feat, out_feat, graph_info, **graph_conv_params)

        self.lstm = layers.LSTM(lstm_units, activation="relu")
        self.dense = layers.Dense(output_seq_len)

        self.input_seq_len, self.output_seq_len = input_seq_len, output_seq_len

    def call(self, inputs):
        inputs = tf.transpose(inputs, [2, 0, 1, 3])
        gcn_out = self.graph_conv(inputs)
        shape = tf.shape(gcn_out)
        num_nodes, batch_size, input_seq_len, out_feat = (
            shape[0],
            shape[1],
            shape[2],
            shape[3],
        )
        gcn_out = tf.reshape(gcn_out, (batch_size * num_nodes, input_seq_len, out_feat))
        lstm_out = self.lstm(gcn_out)
        dense_output = self.dense(lstm_out)
        output = tf.reshape(dense_output, (num_nodes, batch_size, self.output_seq_len))
        return tf.transpose(output, [1, 2, 0])


def build_model():
    num_nodes = 5
    adjacency_matrix = np.zeros((num_nodes, num_nodes))
    for i in range(num_nodes):
        adjacency_matrix[i, (i + 1) % num_nodes] = adjacency_matrix[(i + 1) % num_nodes, i] = 1
    node_indices, neighbor_indices = np.where(adjacency_matrix == 1)
    graph = GraphInfo(
        edges=(node_indices.tolist(), neighbor_indices.tolist()),
        num_nodes=adjacency_matrix.shape[0],
    )
    in_feat, input_sequence_length, forecast_horizon = 1, 12, 3
    out_feat, lstm_units = 10, 16
    st_gcn = LSTMGC(in_feat, out_feat, lstm_units, input_sequence_length, forecast_horizon, graph,
                    {"aggregation_type": "mean", "combination_type": "concat", "activation": None})
    inputs = layers.Input((input_sequence_length, graph.num_nodes, in_feat))
    outputs = st_gcn(inputs)
    model = keras.models.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.0002),
                  loss=keras.losses.MeanSquaredError())
    return model
