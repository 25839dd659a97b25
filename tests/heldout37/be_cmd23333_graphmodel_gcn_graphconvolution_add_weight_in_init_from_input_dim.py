"""A GCN `GraphConvolution` layer creates its kernel and bias with `add_weight` in `__init__` from a hand-given `input_dim`: the weights exist before any input is seen and only fit that one feature size.

From cmd23333/GraphModel-Tensorflow2.x (`Layer/VanillaGCN.py`, used by `Model/GCN.py`'s `GCNNet` and
`trainer.py`). `GraphConvolution(tf.keras.layers.Layer).__init__(input_dim, output_dim, use_bias)` calls
`self.add_weight(shape=(input_dim, output_dim))` (and the bias) right after `super().__init__()`; `call(adjacency,
input_feature)` computes `adjacency @ (X @ kernel) (+ bias)` with a sparse or dense adjacency. `GCNNet(input_dim,
output_dim)` stacks `GraphConvolution(input_dim, 128)` and `GraphConvolution(128, output_dim)` with a ReLU, and
`trainer.py` builds `GCNNet(num_features, 18)` from the data set's feature count, then trains with a
`GradientTape` over `model.trainable_variables`. The input size is fixed by hand at construction instead of read
in `build(input_shape)` (LD004): the weights are tracked and trained, but the layer cannot adapt to another
feature size (a mismatch fails inside `call()` with a matmul shape error, far from the constructor that caused
it) and a serialised layer cannot be rebuilt from its input shape. Same pattern in the repository's
`GraphAttention` layer (kernels and attention kernels made in `__init__` from `input_dim`), not a separate case.

Porting edits: none to the layer. `GCNNet` is written from `Model/GCN.py` as the repository has it (two layers,
`tf.nn.relu` between). `build_model()` returns `GCNNet(input_dim=6, output_dim=3)` and no sample input (its
`call(adjacency, feature)` takes two positional arguments); probe_be_gcn.py runs the trainer's tape step and a
second graph with 5 features.
"""

SOURCE = "https://github.com/cmd23333/GraphModel-Tensorflow2.x/blob/693c0b1838d8e95aa56cc6c4e68cd87282fb2fc5/Layer/VanillaGCN.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py be_cmd23333_graphmodel_gcn_graphconvolution_add_weight_in_init_from_input_dim.py:
as returned: GCNNet, count_params() raised ValueError, 4 weights, unbuilt: ['GraphConvolution:graph_convolution', 'GraphConvolution:graph_convolution_1']
no inputs known: not called
probe (probe_be_gcn.py): before any call the weights already exist: [(6, 128), (128,), (128, 3), (3,)], built False;
the trainer's tape step on a 4-node graph with 6 features: 4 trainable, count_params 1283, 0 None gradients,
kernel changed after apply_gradients; a graph with 5 features raises InvalidArgumentError in
GraphConvolution.call(): "Matrix size-incompatible: In[0]: [4,5], In[1]: [6,128] [Op:MatMul]"."""

import tensorflow as tf


class GraphConvolution(tf.keras.layers.Layer):
    def __init__(self, input_dim, output_dim, use_bias=True, kernel_initializer='glorot_uniform'):
        """Graph convolution: L*X*theta"""
        super(GraphConvolution, self).__init__()
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.use_bias = use_bias
        self.kernel_initializer = tf.keras.initializers.get(kernel_initializer)

        self.kernel = self.add_weight(shape=(input_dim, self.output_dim),
                                      initializer=self.kernel_initializer,
                                      name='kernel')
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.output_dim,),
                                        name='bias')
        else:
            self.bias = None

    def call(self, adjacency, input_feature):
        support = tf.matmul(input_feature, self.kernel)
        if isinstance(adjacency, tf.sparse.SparseTensor):
            output = tf.sparse.sparse_dense_matmul(adjacency, support)
        else:
            output = tf.matmul(adjacency, support)
        if self.use_bias:
            output += self.bias
        return output

    def __repr__(self):
        return self.__class__.__name__ + ' (' \
               + str(self.input_dim) + ' -> ' \
               + str(self.output_dim) + ')'


class GCNNet(tf.keras.Model):
    def __init__(self, input_dim, output_dim):
        super(GCNNet, self).__init__()
        self.gcn1 = GraphConvolution(input_dim, 128)
        self.gcn2 = GraphConvolution(128, output_dim)

    def call(self, adjacency, feature):
        h = tf.nn.relu(self.gcn1(adjacency, feature))
        logits = self.gcn2(adjacency, h)
        return logits


def build_model():
    return GCNNet(input_dim=6, output_dim=3)
