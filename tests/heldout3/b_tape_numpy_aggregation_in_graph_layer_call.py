"""A subclassed graph network turns its input into NumPy inside each layer's `call` to aggregate neighbours.

The report's `gcnlayer` evaluates its input to a NumPy array (`tf.keras.backend.eval(inp)`), sums
neighbour rows with Python loops over an adjacency matrix, converts the result back to a tensor and
only then applies its own `Dense`. Three such layers are stacked in a subclassed model. The NumPy
round trip cuts the gradient path: every Dense before the last one is counted but never trained.
"""

SOURCE = "https://github.com/keras-team/keras/issues/14222"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_tape_numpy_aggregation_in_graph_layer_call.py:
as returned: GraphModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['GCNLayer:gcn_layer', 'Dense:dense', 'GCNLayer:gcn_layer_1', 'Dense:dense_1', 'GCNLayer:gcn_layer_2', 'Dense:dense_2']
after call: count_params() = 259, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 6 trainable weights: ['graph_model/gcn_layer/dense/kernel', 'graph_model/gcn_layer/dense/bias', 'graph_model/gcn_layer_1/dense_1/kernel', 'graph_model/gcn_layer_1/dense_1/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gcn_layer': 96, 'gcn_layer_1': 136, 'gcn_layer_2': 27}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import ops

ADJACENCY = np.array([[0, 1, 1, 0], [1, 0, 0, 1], [1, 0, 0, 1], [0, 1, 1, 0]])


class GCNLayer(keras.layers.Layer):
    def __init__(self, dim, adjacency, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(dim, activation="tanh")
        self.adjacency = adjacency

    def call(self, inp):
        inputs = ops.convert_to_numpy(inp)
        aggregated = np.zeros((len(self.adjacency), inputs.shape[1]), dtype="float32")
        for i in range(len(self.adjacency)):
            for j in range(len(self.adjacency[0])):
                if self.adjacency[i][j] == 1:
                    aggregated[i] += inputs[j]
        return self.dense(ops.convert_to_tensor(aggregated))


class GraphModel(keras.Model):
    def __init__(self, adjacency):
        super().__init__()
        self.l1 = GCNLayer(16, adjacency)
        self.l2 = GCNLayer(8, adjacency)
        self.l3 = GCNLayer(3, adjacency)

    def call(self, inputs):
        return self.l3(self.l2(self.l1(inputs)))


def build_model():
    model = GraphModel(ADJACENCY)
    node_features = np.random.default_rng(0).random((4, 5)).astype("float32")
    return model, node_features
