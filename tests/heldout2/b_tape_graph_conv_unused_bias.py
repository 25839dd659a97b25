"""A graph-convolution layer computes `A @ V @ W` but also declares a bias it never adds.

The report's custom layer implemented `AV = K.dot(A, Vin); Vout = K.dot(AV, W)` and training
failed with "An operation has `None` for gradient"; the answer that closed it: a weight defined but
left unused in `call` has no gradient. Written for Keras 3 with a fixed adjacency matrix.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12521"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_tape_graph_conv_unused_bias.py:
as returned: Functional, count_params() = 26, 4 weights, unbuilt: none
after call: count_params() = 26, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 4 trainable weights: ['graph_conv/b']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_conv': 16}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import ops


class GraphConv(keras.layers.Layer):
    def __init__(self, adjacency, features, **kwargs):
        super().__init__(**kwargs)
        self.adjacency = adjacency
        self.features = features

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], self.features), name="W")
        self.b = self.add_weight(shape=(self.features,), initializer="zeros", name="b")

    def call(self, vin):
        av = ops.einsum("nm,bmc->bnc", self.adjacency, vin)
        return ops.matmul(av, self.W)


def build_model(nodes=5, channels=3):
    adjacency = (np.eye(nodes) + np.eye(nodes, k=1) + np.eye(nodes, k=-1)).astype("float32")
    vin = keras.Input((nodes, channels))
    vout = GraphConv(adjacency, 4)(vin)
    pooled = keras.layers.GlobalAveragePooling1D()(vout)
    return keras.Model(vin, keras.layers.Dense(2, activation="softmax")(pooled))
