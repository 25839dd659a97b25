"""A GNN model keeps its graph-network modules inside frozen dataclass "layer specs", which Keras cannot see into.

In Google's gematria (basic-block throughput models), `GnnModelBase` stores its message-passing
pipeline as `self._graph_network`, a sequence of `@dataclasses.dataclass(frozen=True)
GraphNetworkLayer` records, each holding the graph module plus its number of iterations and
layer-norm/residual options. The fix (make the record a `tf.Module`) says why: the framework
could not find the trainable variables inside the records, and models failed to converge. Keras 3
behaves the same way: it tracks the list, but not the modules inside the dataclass instances, so
only the layer norms and the readout head are the model's weights.
"""

SOURCE = "https://github.com/google/gematria/pull/337"
CODES = ("LD011",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py c_ld011_gnn_layers_wrapped_in_frozen_dataclass_specs.py:
as returned: TokenGraphModel, count_params() = 113, 8 weights, unbuilt: none
after call: count_params() = 113, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 6 variables the model does not track: ['token_graph_model/kernel:0', 'token_graph_model/bias:0', 'token_graph_model/kernel:0', 'token_graph_model/bias:0', 'token_graph_model/kernel:0', 'token_graph_model/bias:0']
second call: 0 variables watched that the first call did not use"""

import dataclasses
import enum
from collections.abc import Sequence
from typing import Optional

import keras
import numpy as np
from keras import ops


class EnableFeature(enum.Enum):
    NEVER = 0
    ALWAYS = 1
    BY_FLAG = 2


@dataclasses.dataclass(frozen=True)
class GraphNetworkLayer:
    """One segment of the graph network pipeline: a module, optionally repeated."""

    module: keras.layers.Layer
    num_iterations: Optional[int]
    layer_normalization: EnableFeature
    residual_connection: EnableFeature


class NodeEncoder(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units, activation="relu")

    def call(self, graph):
        nodes, adjacency = graph
        return self.dense(nodes), adjacency


class InteractionNetwork(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.message = keras.layers.Dense(units, activation="relu")
        self.update = keras.layers.Dense(units)

    def call(self, graph):
        nodes, adjacency = graph
        messages = ops.matmul(adjacency, self.message(nodes))
        return self.update(ops.concatenate([nodes, messages], axis=-1)), adjacency


class GnnModelBase(keras.Model):
    def __init__(self, *, num_message_passing_iterations, graph_module_layer_normalization=True, **kwargs):
        super().__init__(**kwargs)
        self._graph_network = self._create_graph_network_modules()
        self._num_message_passing_iterations = num_message_passing_iterations
        self._graph_module_layer_normalization = graph_module_layer_normalization
        self._norm_layers = {}
        for layer_index, layer in enumerate(self._graph_network):
            num_iterations = layer.num_iterations or self._num_message_passing_iterations
            use_layer_norm = layer.layer_normalization == EnableFeature.ALWAYS or (
                layer.layer_normalization == EnableFeature.BY_FLAG and self._graph_module_layer_normalization)
            for iteration in range(num_iterations):
                if use_layer_norm:
                    name = f"graph_network_layer_norm_{layer_index}_{iteration}_nodes"
                    self._norm_layers[name] = keras.layers.LayerNormalization(name=name)
        self._readout = keras.layers.Dense(1, name="readout")

    def _create_graph_network_modules(self) -> Sequence[GraphNetworkLayer]:
        raise NotImplementedError

    def call(self, inputs):
        graph = inputs
        for layer_index, layer in enumerate(self._graph_network):
            num_iterations = layer.num_iterations or self._num_message_passing_iterations
            for iteration in range(num_iterations):
                nodes, adjacency = layer.module(graph)
                name = f"graph_network_layer_norm_{layer_index}_{iteration}_nodes"
                if name in self._norm_layers:
                    nodes = self._norm_layers[name](nodes)
                graph = (nodes, adjacency)
        return self._readout(ops.sum(graph[0], axis=1))


class TokenGraphModel(GnnModelBase):
    def _create_graph_network_modules(self):
        return (
            GraphNetworkLayer(module=NodeEncoder(16), num_iterations=1,
                              layer_normalization=EnableFeature.NEVER,
                              residual_connection=EnableFeature.NEVER),
            GraphNetworkLayer(module=InteractionNetwork(16), num_iterations=None,
                              layer_normalization=EnableFeature.BY_FLAG,
                              residual_connection=EnableFeature.NEVER),
        )


def build_model():
    model = TokenGraphModel(num_message_passing_iterations=3)
    rng = np.random.default_rng(0)
    nodes = rng.random((2, 7, 5)).astype("float32")
    adjacency = (rng.random((2, 7, 7)) < 0.3).astype("float32")
    model((nodes, adjacency))
    return model, (nodes, adjacency)
