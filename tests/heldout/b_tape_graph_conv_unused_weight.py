"""A graph-convolution layer (`AV = A·Vin`, `Vout = AV·W`) that also defines a weight its `call()` never reads.

The report's custom layer failed with "An operation has `None` for gradient"; a maintainer asked:
"Does your code have any weights that were defined but left unused? That may be the reason." Here
the layer keeps a leftover trainable bias `b` from an earlier version of `call()`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12521"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_tape_graph_conv_unused_weight.py:
as returned: Functional, count_params() = 770, 4 weights, unbuilt: none
after call: count_params() = 770, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 4 trainable weights: ['graph_conv/b']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_conv': 40}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import keras
from keras import ops


class GraphConv(keras.layers.Layer):
    def __init__(self, adjacency, filters, **kwargs):
        super().__init__(**kwargs)
        self.adjacency = ops.convert_to_tensor(adjacency, dtype="float32")
        self.filters = filters

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], self.filters), initializer="glorot_uniform", name="W")
        self.b = self.add_weight(shape=(self.filters,), initializer="zeros", name="b")

    def call(self, v_in):
        av = ops.einsum("nm,bmc->bnc", self.adjacency, v_in)
        return ops.matmul(av, self.W)


def build_model(n=9, c=4):
    adjacency = (np.eye(n) + np.eye(n, k=1) + np.eye(n, k=-1)).astype("float32")
    inputs = keras.Input((n, c))
    x = GraphConv(adjacency, 8)(inputs)
    x = keras.layers.Flatten()(x)
    return keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))
