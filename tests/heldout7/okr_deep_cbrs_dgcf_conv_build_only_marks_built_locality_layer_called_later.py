"""Deep_CBRS' `DGCFConv` overrides `build()` to only assert and set `self.built = True`, never building its `LocalityAdaptive` sublayer: the sublayer is built when `call()` first runs it, and trains.

swapUniba/Deep_CBRS_Amar_Renaissance (graph recommender research, Keras + spektral) derives its
graph convolutions from spektral's `Conv` base layer. `DGCFConv.__init__` creates
`self.locality_adaptive = LocalityAdaptive(regularizer)`, a layer whose `build()` makes one
per-node weight `w` (shape `[n_nodes, 1]`, sized from the input's first axis); `DGCFConv.build()`
only checks the input arity and sets `self.built = True`. `call()` rescales the node features
with `locality_adaptive` and propagates them with the (fixed) adjacency. Building the outer layer
leaves the inner one for later, but the first (symbolic) call builds it; its weight is counted
and trained. `Conv` here is a small stand-in for spektral's base class (keras kwargs split off,
`call` left to subclasses).
"""

SOURCE = "https://github.com/swapUniba/Deep_CBRS_Amar_Renaissance/blob/7b4a50ebc44d3f1a8b306065fa80556932936d21/src/layers/dgcf_conv.py"
CODES = ()
CORRECT = True
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okr_deep_cbrs_dgcf_conv_build_only_marks_built_locality_layer_called_later.py:
as returned: Functional, count_params() = 101, 6 weights, unbuilt: none
after call: count_params() = 101, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dgcf_1': 10, 'locality_adaptive': 10, 'dgcf_2': 10, 'locality_adaptive_1': 10}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class Conv(layers.Layer):
    """General class for convolutional GNN layers (spektral.layers.convolutional.conv.Conv)."""

    def __init__(self, **kwargs):
        super().__init__(**{k: v for k, v in kwargs.items() if k in ("name", "trainable", "dtype",
                                                                       "activity_regularizer")})
        self.kwargs_keys = [k for k in kwargs if k not in ("name", "trainable", "dtype")]

    def call(self, inputs):
        raise NotImplementedError

    @staticmethod
    def preprocess(a):
        return a


class LocalityAdaptive(layers.Layer):
    """Computes weighted sum of input tensor with learnable weights."""

    def __init__(self, regularizer=None, **kwargs):
        super(LocalityAdaptive, self).__init__(**kwargs)
        self.w = None
        self.regularizer = regularizer

    def build(self, input_shape):
        n_nodes = input_shape[0]
        self.w = self.add_weight(name="locality-adaptive-weights", shape=[n_nodes, 1], initializer="ones",
                                 regularizer=self.regularizer)

    def call(self, inputs, **kwargs):
        return tf.multiply(inputs, tf.sigmoid(self.w))


class DGCFConv(Conv):
    """Deoscillated Adaptive Graph Collaborative Filtering (DGCF) convolution."""

    def __init__(self, regularizer, **kwargs):
        super().__init__(**kwargs)
        self.regularizer = regularizer
        self.locality_adaptive = LocalityAdaptive(regularizer)

    def build(self, input_shape):
        assert len(input_shape) >= 2
        self.built = True

    def call(self, inputs, mask=None):
        x, a = inputs
        x = self.locality_adaptive(x)
        return tf.matmul(a, x)  # ops.modal_dot(a, x) in single mode


def build_model():
    n_nodes, n_feat = 10, 8
    rng = np.random.default_rng(0)
    adj = (rng.random((n_nodes, n_nodes)) > 0.7).astype("float32") + np.eye(n_nodes, dtype="float32")
    adj = adj / adj.sum(axis=1, keepdims=True)
    x_in = tf.keras.Input(batch_shape=(n_nodes, n_feat), name="x")
    a_in = tf.keras.Input(batch_shape=(n_nodes, n_nodes), name="a")
    embeddings = layers.Dense(n_feat, name="node_embedding")(x_in)
    h = DGCFConv(regularizer=None, name="dgcf_1")([embeddings, a_in])
    h = DGCFConv(regularizer=None, name="dgcf_2")([h, a_in])
    out = layers.Dense(1, name="score")(h)
    model = tf.keras.Model([x_in, a_in], out)
    return model, [rng.random((n_nodes, n_feat)).astype("float32"), adj]
