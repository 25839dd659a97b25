"""A GCN for citation graphs (TF neural-structured-learning's gnn-survey research code) whose
`GraphConvLayer(input_dim, units)` creates its kernel with `add_weight` in `__init__` from an input
width the caller passes by hand.

From tensorflow/neural-structured-learning, `research/gnn-survey-paper/layers.py` and `models.py` as
first submitted in PR #62 (commit 9d56f80, "gcn structure"). Each hidden block is a `Sequential` of
`GraphConvLayer(hidden_dim[i], hidden_dim[i+1])`, ReLU and Dropout called on the tuple
`(features, adj)`, and the classifier is `GraphConvLayer(hidden_dim[-1], num_classes)`. The kernel
shape is fixed when the object is made, so the layer never looks at the features it receives: the
model only works while every hand-given width matches the data; with another feature width the
matmul in `call()` fails deep inside the first block instead of the layer building itself. The
reviewer asked for exactly this change ("I move weights and add bias in the build method"), which
the author made in the next revision.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); the `from layers import GraphConvLayer`
import inlined; sizes 7 nodes, 6 features, hidden [5, 4], 3 classes (Cora: 2708 nodes, 1433
features); `build_model()` wraps `GCN.call(features, adj)` in a functional model with two inputs
(fixed batch shapes: the graph is the batch) so it can be called with one input list.
"""

SOURCE = "https://github.com/tensorflow/neural-structured-learning/blob/9d56f80cd2fc74dd4c647bddf621c67f7b37314c/research/gnn-survey-paper/layers.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/m_nsl_gnnsurvey_graphconv_add_weight_in_init_from_input_dim.py:
as returned: Functional, count_params() = 62, 3 weights, unbuilt: none
after call: count_params() = 62, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gcn': 62, 'graph_conv_layer_2': 12, 'graph_conv_layer_1': 20, 'graph_conv_layer': 30}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25b/nsl_probe.py): before any call the first GraphConvLayer has built False
but already owns a (6, 5) kernel fixed by the hand-given features_dim; GCN(6, ...) called on 6
features -> (7, 3); the same GCN(6, ...) called on 8 features raises InvalidArgumentError inside
GraphConvLayer.call(): "Matrix size-incompatible: In[0]: [7,8], In[1]: [6,5]" (the layer never reads
its input shape, so a wrong features_dim only surfaces as a matmul failure)."""

import tensorflow as tf
import keras


class GraphConvLayer(keras.layers.Layer):

    def __init__(self, input_dim, units):
        super(GraphConvLayer, self).__init__()
        self.weight = self.add_weight(name="weight",
                                      shape=(input_dim, units),
                                      trainable=True)

    def call(self, inputs):
        x, adj = inputs[0], inputs[1]
        x = tf.matmul(adj, x)
        outputs = tf.matmul(x, self.weight)
        return outputs


class GCN(keras.Model):

    def __init__(self, features_dim, num_layers, hidden_dim, num_classes, dropout_rate):
        super(GCN, self).__init__()

        self.num_layers = num_layers

        self.gc = []
        # input layer
        single_gc = keras.Sequential()
        single_gc.add(GraphConvLayer(features_dim, hidden_dim[0]))
        single_gc.add(keras.layers.ReLU())
        single_gc.add(keras.layers.Dropout(dropout_rate))
        self.gc.append(single_gc)

        # hidden layers
        for i in range(0, num_layers-2):
            single_gc = keras.Sequential()
            single_gc.add(GraphConvLayer(hidden_dim[i], hidden_dim[i+1]))
            single_gc.add(keras.layers.ReLU())
            single_gc.add(keras.layers.Dropout(dropout_rate))
            self.gc.append(single_gc)

        # output layer
        self.classifier = GraphConvLayer(hidden_dim[-1], num_classes)

    def call(self, features, adj):

        for i in range(self.num_layers-1):
            x = (features, adj)
            features = self.gc[i](x)

        x = (features, adj)
        outputs = self.classifier(x)
        return outputs


def build_model():
    num_nodes, features_dim = 7, 6
    gcn = GCN(features_dim, num_layers=3, hidden_dim=[5, 4], num_classes=3, dropout_rate=0.5)
    features = keras.Input(batch_shape=(num_nodes, features_dim), name="features")
    adj = keras.Input(batch_shape=(num_nodes, num_nodes), name="adj")
    outputs = gcn(features, adj)
    return keras.Model([features, adj], outputs)
