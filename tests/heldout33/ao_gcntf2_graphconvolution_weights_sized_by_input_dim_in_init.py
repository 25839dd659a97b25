"""GCN-TF2's GraphConvolution creates its kernel with `add_variable` in `__init__` from an `input_dim`
the caller passes by hand (1433 for Cora, then hidden1): the weights exist before any input is seen, so
the layer only fits the one feature width it was told, instead of building from `input_shape`.

From dragen1860/GCN-TF2 (`layers.py` + `models.py`), a TF2 port of Kipf's GCN that DGFraud-TF2 and
others copied. `GraphConvolution(input_dim, output_dim, num_features_nonzero, ...)` loops
`for i in range(1): w = self.add_variable('weight'+str(i), [input_dim, output_dim]);
self.weights_.append(w)` in `__init__` and has no `build()`; `GCN(keras.Model)` stacks three of them in
a plain `self.layers_` list and iterates `self.layers` in `call`. The weights are tracked (add_weight in
`__init__` works on Keras 3, and the list attribute is tracked too), so nothing vanishes today: this is
the catalog's warning LD004, the shape contract lives in the constructor. A second graph with another
feature width needs a new model rather than a rebuild.

Porting edits: Keras 3's `add_variable(shape, initializer, ...)` takes the shape first, so the call is
written `self.add_weight(name='weight' + str(i), shape=[input_dim, output_dim])` (DGFraud-TF2's copy
already switched to `add_weight`); `GCN.call` returns the logits instead of the masked loss/accuracy of
the repo's `metrics` module (label and mask inputs dropped); `args.hidden1`/`args.dropout` from
`config.py` become the defaults 16 and 0.5; the repo's debugging prints are dropped; `layer((outputs[-1], support), training)` passes
`training=` by keyword (Keras 3 refuses a positional bool); the first layer
is fed dense features (`is_sparse_inputs=False`), the support stays a `tf.SparseTensor` as in the repo.
`build_model()` returns the GCN and a 6-node graph with 10 features, 3 classes.
"""

SOURCE = "https://github.com/dragen1860/GCN-TF2/blob/0eb639a5d08a2996ce87a221c20b8d4509e1b6f0/layers.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/ao_gcntf2_graphconvolution_weights_sized_by_input_dim_in_init.py:
as returned: GCN, count_params() = count_params() raised ValueError, 3 weights, unbuilt: ['GraphConvolution:graph_convolution', 'GraphConvolution:graph_convolution_1', 'GraphConvolution:graph_convolution_2']
after call: count_params() = 464, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_convolution': 160, 'graph_convolution_1': 256, 'graph_convolution_2': 48}
second call: 0 variables watched that the first call did not use
Own probe (probe_gcn.py): the three kernels exist before any call with shapes (10, 16), (16, 16), (16, 3) (count_params() refuses only because the layers are not marked built); a second graph with 12 features raises InvalidArgumentError in GraphConvolution.call() (the matmul against the 10-row kernel). No weight is lost: all 3 trained, none untracked."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

HIDDEN1 = 16
DROPOUT = 0.5


def sparse_dropout(x, keep_prob, noise_shape):
    """
    Dropout for sparse tensors.
    """
    random_tensor = keep_prob
    random_tensor += tf.random.uniform(noise_shape)
    dropout_mask = tf.cast(tf.floor(random_tensor), dtype=tf.bool)
    pre_out = tf.sparse.retain(x, dropout_mask)
    return pre_out * (1./keep_prob)


def dot(x, y, sparse=False):
    """
    Wrapper for tf.matmul (sparse vs dense).
    """
    if sparse:
        res = tf.sparse.sparse_dense_matmul(x, y)
    else:
        res = tf.matmul(x, y)
    return res


class GraphConvolution(layers.Layer):
    """
    Graph convolution layer.
    """
    def __init__(self, input_dim, output_dim, num_features_nonzero,
                 dropout=0.,
                 is_sparse_inputs=False,
                 activation=tf.nn.relu,
                 bias=False,
                 featureless=False, **kwargs):
        super(GraphConvolution, self).__init__(**kwargs)

        self.dropout = dropout
        self.activation = activation
        self.is_sparse_inputs = is_sparse_inputs
        self.featureless = featureless
        self.bias = bias
        self.num_features_nonzero = num_features_nonzero

        self.weights_ = []
        for i in range(1):
            w = self.add_weight(name='weight' + str(i), shape=[input_dim, output_dim])
            self.weights_.append(w)
        if self.bias:
            self.bias = self.add_weight(name='bias', shape=[output_dim])

    def call(self, inputs, training=None):
        x, support_ = inputs

        # dropout
        if self.is_sparse_inputs:
            x = sparse_dropout(x, self.dropout, self.num_features_nonzero)
        else:
            x = tf.nn.dropout(x, self.dropout)

        # convolve
        supports = list()
        for i in range(len(support_)):
            if not self.featureless: # if it has features x
                pre_sup = dot(x, self.weights_[i], sparse=self.is_sparse_inputs)
            else:
                pre_sup = self.weights_[i]

            support = dot(support_[i], pre_sup, sparse=True)
            supports.append(support)

        output = tf.add_n(supports)

        # bias
        if self.bias:
            output += self.bias

        return self.activation(output)


class GCN(keras.Model):

    def __init__(self, input_dim, output_dim, num_features_nonzero, **kwargs):
        super(GCN, self).__init__(**kwargs)

        self.input_dim = input_dim # 1433
        self.output_dim = output_dim

        self.layers_ = []
        self.layers_.append(GraphConvolution(input_dim=self.input_dim, # 1433
                                            output_dim=HIDDEN1, # 16
                                            num_features_nonzero=num_features_nonzero,
                                            activation=tf.nn.relu,
                                            dropout=DROPOUT,
                                            is_sparse_inputs=False))

        self.layers_.append(GraphConvolution(input_dim=HIDDEN1, # 1433
                                            output_dim=HIDDEN1, # 16
                                            num_features_nonzero=num_features_nonzero,
                                            activation=tf.nn.relu,
                                            dropout=DROPOUT))

        self.layers_.append(GraphConvolution(input_dim=HIDDEN1, # 16
                                            output_dim=self.output_dim, # 7
                                            num_features_nonzero=num_features_nonzero,
                                            activation=lambda x: x,
                                            dropout=DROPOUT))

    def call(self, inputs, training=None):
        x, support = inputs

        outputs = [x]

        for layer in self.layers:
            hidden = layer((outputs[-1], support), training=training)
            outputs.append(hidden)
        output = outputs[-1]
        return output


def _graph(n=6, f=10):
    adj = np.eye(n, dtype="float32")
    for i in range(n - 1):
        adj[i, i + 1] = adj[i + 1, i] = 0.5
    idx = np.argwhere(adj != 0)
    support = tf.SparseTensor(indices=idx, values=adj[adj != 0], dense_shape=(n, n))
    x = np.random.default_rng(0).random((n, f)).astype("float32")
    return tf.constant(x), [support]


def build_model():
    x, support = _graph()
    model = GCN(input_dim=10, output_dim=3, num_features_nonzero=60)
    return model, (x, support)
