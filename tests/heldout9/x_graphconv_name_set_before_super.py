"""GraphN's GraphConv sets `self.name` (and its output bookkeeping) before calling super().__init__().

GraphN (a small Keras graph-network library: GraphConv, GraphDiffPool, GraphPooling on
[adjacency, nodes] pairs) writes `self.output_dim`, `self.activation`, `self.name = name` and
`self._output_graph_wrapper` first and only then calls `super(GraphConv, self).__init__(**kwargs)`.
The base `__init__` assigns the layer's auto-generated name, so the name the user asked for
("GraphConv", or "gc1"/"gc2" passed by the caller) is silently replaced: the layer shows up as
`graph_conv` in the summary and `model.get_layer("gc1")` fails. Ported to Keras 3 ops; the
GraphWrapper list subclass is reduced to the two tensors it carried.
"""

SOURCE = "https://github.com/johmedr/GraphN/blob/0b6ee1344d02a2cd17c8c2c7ecdef64ce2d63cef/graphn/layers/GraphConv.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py x_graphconv_name_set_before_super.py:
as returned: Functional, count_params() = 160, 2 weights, unbuilt: none
after call: count_params() = 160, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_conv': 112, 'graph_conv_1': 48}
second call: 0 variables watched that the first call did not use
Own check (/tmp/mine9c/gc.py): model.layers names are ['input_layer', 'input_layer_1', 'graph_conv', 'graph_conv_1'] although the layers were created with name='gc1' and name='gc2'; model.get_layer('gc1') raises ValueError: No such layer: gc1. Weights themselves are fine (112 + 48 params)."""

import keras
from keras import ops


# --- graphn/core/GraphLayer.py ---------------------------------------------------------------
class GraphLayer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(GraphLayer, self).__init__(**kwargs)
        self._output_graph_wrapper = None

    def __call__(self, inputs, **kwargs):
        outputs = super(GraphLayer, self).__call__(inputs, **kwargs)
        if isinstance(outputs, list) and len(outputs) == 2:
            outputs = self._output_graph_wrapper
        return outputs


# --- graphn/layers/GraphConv.py --------------------------------------------------------------
class GraphConv(GraphLayer):
    """
    First-order approximation of a graph spectral convolution, as suggested in
    https://arxiv.org/pdf/1609.02907.pdf
    """
    def __init__(self, n_filters, activation=ops.tanh, name="GraphConv", **kwargs):

        self.output_dim = n_filters
        self.activation = activation
        self.name = name
        self._output_graph_wrapper = None

        super(GraphConv, self).__init__(**kwargs)

    def build(self, input_shape):
        """ Channel last: (batchs, n_nodes, n_features)"""
        assert(isinstance(input_shape, (list, tuple)))

        adj_shape, x_shape = input_shape

        assert len(adj_shape) >= 2, "Expected more than 2 dims, get %s" % (adj_shape,)
        assert len(x_shape) >= 2, "Expected more than 2 dims, get %s" % (x_shape,)

        self._n_nodes = adj_shape[-1]

        self.kernel = self.add_weight(name='kernel',
                                      shape=(x_shape[-1], self.output_dim),
                                      initializer='uniform',
                                      trainable=True)

        super(GraphConv, self).build(input_shape)

    def call(self, x):
        """ x: List containing
              - the adjacency matrix (shape: (n_nodes, n_nodes))
              - the nodes features (shape: (n_nodes, n_features))"""
        adjacency, nodes = x
        return self.activation(ops.matmul(adjacency, ops.matmul(nodes, self.kernel)))

    def compute_output_shape(self, input_shape):
        adj_shape, _ = input_shape
        return tuple(adj_shape[:-1]) + (self.output_dim,)


# --- test_script.py / examples/gcn_cora_classification.py ------------------------------------
def build_model(n_nodes=15, n_features=7, n_classes=3):
    a = keras.Input(shape=(n_nodes, n_nodes))
    x = keras.Input(shape=(n_nodes, n_features))
    h = GraphConv(16, name="gc1")([a, x])
    h = GraphConv(n_classes, activation=ops.softmax, name="gc2")([a, h])
    model = keras.Model([a, x], h)
    return model
