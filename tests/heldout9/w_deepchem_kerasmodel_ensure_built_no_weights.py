"""DeepChem-style `KerasModel` wrapper reports itself built, but the wrapped subclassed model has no weights.

deepchem issue #1911 ("KerasModel weights are not initialized until fit() is called"): a
`GraphConvModel` is created, `model._ensure_built()` is called, and
`model.model.get_weights()` returns an empty list (100 arrays only after `fit()`), which breaks
the pretraining/transfer workflow that copies weights out before training. `_ensure_built()`
sets up the optimizer and marks the wrapper built, but the inner `keras.Model` is subclassed and
has never seen an input, so none of its graph-convolution or dense sublayers exist yet.
(DeepChem is not installed; the wrapper and a small graph-conv model are reproduced.)
"""

SOURCE = "https://github.com/deepchem/deepchem/issues/1911"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py w_deepchem_kerasmodel_ensure_built_no_weights.py:
as returned: _GraphConvKerasModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['GraphConv:graph_conv', 'GraphConv:graph_conv_1', 'BatchNormalization:batch_normalization', 'BatchNormalization:batch_normalization_1', 'Dense:dense', 'Dense:dense_1']
no inputs known: not called
own probe (/tmp/mine9b/p7.py): after _ensure_built() the wrapper says _built == True and
model.model.get_weights() has 0 arrays; after one fit_on_batch on a 2-graph batch (5 atoms,
6 features) it has 18 arrays and count_params() = 102145."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class GraphConv(layers.Layer):
    """Neighbour-sum graph convolution: relu(A @ X @ W_neigh + X @ W_self + b)."""

    def __init__(self, out_channel, activation_fn=tf.nn.relu, **kwargs):
        super().__init__(**kwargs)
        self.out_channel = out_channel
        self.activation_fn = activation_fn

    def build(self, input_shape):
        atom_shape = input_shape[0]
        num_features = atom_shape[-1]
        self.W_neigh = self.add_weight(
            name="W_neigh", shape=(num_features, self.out_channel), initializer="glorot_uniform"
        )
        self.W_self = self.add_weight(
            name="W_self", shape=(num_features, self.out_channel), initializer="glorot_uniform"
        )
        self.b = self.add_weight(name="b", shape=(self.out_channel,), initializer="zeros")

    def call(self, inputs):
        atom_features, adjacency = inputs
        neigh = tf.matmul(adjacency, atom_features)
        out = tf.matmul(neigh, self.W_neigh) + tf.matmul(atom_features, self.W_self) + self.b
        return self.activation_fn(out)

    def get_config(self):
        return {**super().get_config(), "out_channel": self.out_channel}


class _GraphConvKerasModel(tf.keras.Model):
    def __init__(self, n_tasks, graph_conv_layers=(128, 128), dense_layer_size=512,
                 dropout=0.0, mode="regression", **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.graph_convs = [GraphConv(width) for width in graph_conv_layers]
        self.batch_norms = [layers.BatchNormalization() for _ in graph_conv_layers]
        self.dropouts = [layers.Dropout(dropout) for _ in graph_conv_layers]
        self.dense = layers.Dense(dense_layer_size, activation="relu")
        self.readout = layers.Dense(n_tasks)

    def call(self, inputs, training=False):
        atom_features, adjacency = inputs
        x = atom_features
        for conv, bn, drop in zip(self.graph_convs, self.batch_norms, self.dropouts):
            x = conv([x, adjacency])
            x = bn(x, training=training)
            x = drop(x, training=training)
        x = self.dense(x)
        graph_repr = tf.reduce_sum(x, axis=1)
        return self.readout(graph_repr)


class KerasModel:
    """The parts of dc.models.KerasModel involved: lazy optimizer set-up in _ensure_built()."""

    def __init__(self, model, loss, learning_rate=0.001, batch_size=100, model_dir=None):
        self.model = model
        self.loss = loss
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.model_dir = model_dir
        self._built = False
        self._global_step = None

    def _ensure_built(self):
        if self._built:
            return
        self._built = True
        self._global_step = tf.Variable(0, trainable=False)
        self._tf_optimizer = tf.keras.optimizers.Adam(learning_rate=self.learning_rate)
        self._checkpoint = tf.train.Checkpoint(optimizer=self._tf_optimizer, model=self.model)

    def fit_on_batch(self, X, y):
        self._ensure_built()
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(self.loss(y, self.model(X, training=True)))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self._tf_optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return float(loss)


class GraphConvModel(KerasModel):
    def __init__(self, n_tasks, graph_conv_layers=(128, 128), dense_layer_size=512, dropout=0.0,
                 mode="regression", **kwargs):
        model = _GraphConvKerasModel(n_tasks, graph_conv_layers, dense_layer_size, dropout, mode)
        super().__init__(model, tf.keras.losses.MeanSquaredError(), **kwargs)


def build_model():
    model = GraphConvModel(n_tasks=1, graph_conv_layers=[128, 128], dense_layer_size=512,
                           dropout=0, mode="regression", learning_rate=0.001, batch_size=8,
                           model_dir="model")
    model._ensure_built()
    init_weights = model.model.get_weights()  # [] -- nothing to transfer yet
    del init_weights
    return model.model
