"""spektral#395: Dense layers make the adjacency matrix "learnable", but GATConv only reads it through `a == 0`.

The reporter builds learnable adjacency matrices (one graph per time step) by passing the initial
adjacency through fully connected `Dense` layers and feeds the result to spektral's `GATConv`. Training
prints "Gradients do not exist for variables ['dense_2/kernel:0', 'dense_4/kernel:0', ...]"; with
`GCNConv` (which multiplies by the adjacency values) the warning goes away. GATConv's dense mode uses the
adjacency only to build the attention mask (`tf.where(a == 0.0, -10e9, 0.0)`) and to reset its diagonal,
so the Dense layers that produce it are counted as trainable but get no gradient: the "learnable graph"
never learns.

Porting edits: spektral is not installed here, so `GATConv`'s dense-mode forward pass (`build` and
`_call_dense`, spektral 1.x, single head, no dropout/regularisers) is reproduced as a small Keras 3 layer
with the same ops; the reporter's model is reduced to one learnable adjacency branch (two Dense layers
over the initial adjacency) and one GATConv over node features, batch mode.
"""

SOURCE = "https://github.com/danielegrattarola/spektral/issues/395"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/a_spektral395_learnable_adjacency_feeds_gat_mask_only.py:
as returned: Functional, count_params() = 117, 10 weights, unbuilt: none
after call: count_params() = 117, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 10 trainable weights: ['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gat_conv': 48}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine19a/trainprobe.py, one SGD step on a squared-error loss): the two Dense layers that produce the 'learnable' adjacency are unchanged; the GAT kernels and the head change. The adjacency reaches the output only through set_diag and `a == 0.0` (mask), which have no gradient path to its values."""

import keras
import tensorflow as tf
from keras.layers import Dense, Input


class GATConv(keras.layers.Layer):
    """spektral.layers.GATConv, dense (batch) mode, one attention head."""

    def __init__(self, channels, attn_heads=1, concat_heads=True, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.channels = channels
        self.attn_heads = attn_heads
        self.concat_heads = concat_heads
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        input_dim = input_shape[0][-1]
        self.kernel = self.add_weight(
            name="kernel", shape=[input_dim, self.attn_heads, self.channels], initializer="glorot_uniform")
        self.attn_kernel_self = self.add_weight(
            name="attn_kernel_self", shape=[self.channels, self.attn_heads, 1], initializer="glorot_uniform")
        self.attn_kernel_neighs = self.add_weight(
            name="attn_kernel_neigh", shape=[self.channels, self.attn_heads, 1], initializer="glorot_uniform")
        self.bias = self.add_weight(shape=[self.channels * self.attn_heads], initializer="zeros", name="bias")
        self.built = True

    def call(self, inputs):
        x, a = inputs
        output = self._call_dense(x, a)
        shape = tf.concat((tf.shape(output)[:-2], [self.attn_heads * self.channels]), axis=0)
        output = tf.reshape(output, shape)
        output += self.bias
        return self.activation(output)

    def _call_dense(self, x, a):
        shape = tf.shape(a)[:-1]
        a = tf.linalg.set_diag(a, tf.ones(shape, a.dtype))
        x = tf.einsum("...NI , IHO -> ...NHO", x, self.kernel)
        attn_for_self = tf.einsum("...NHI , IHO -> ...NHO", x, self.attn_kernel_self)
        attn_for_neighs = tf.einsum("...NHI , IHO -> ...NHO", x, self.attn_kernel_neighs)
        attn_for_neighs = tf.einsum("...ABC -> ...CBA", attn_for_neighs)

        attn_coef = attn_for_self + attn_for_neighs
        attn_coef = tf.nn.leaky_relu(attn_coef, alpha=0.2)

        mask = tf.where(a == 0.0, -10e9, 0.0)
        mask = tf.cast(mask, dtype=attn_coef.dtype)
        attn_coef += mask[..., None, :]
        attn_coef = tf.nn.softmax(attn_coef, axis=-1)

        output = tf.einsum("...NHM , ...MHI -> ...NHI", attn_coef, x)
        return output


def build_model():
    n_nodes, n_feat = 5, 3
    x_in = Input((n_nodes, n_feat), name="node_features")
    a_in = Input((n_nodes, n_nodes), name="initial_adjacency")
    # learnable adjacency: fully connected layers over the initial graph
    a = Dense(n_nodes, activation="relu")(a_in)
    a = Dense(n_nodes, activation="sigmoid")(a)
    h = GATConv(8, activation="elu")([x_in, a])
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = Dense(1)(h)
    return keras.Model([x_in, a_in], out)
