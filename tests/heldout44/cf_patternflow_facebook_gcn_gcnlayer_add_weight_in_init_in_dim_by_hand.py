"""PatternFlow's Facebook-page GCN (student project 44343309) first wrote its `GCNLayer` with the input width passed
in by hand: `GCNLayer(inDim, outDim, ...)` calls `self.add_weight(shape=(self.inDim, self.outDim))` in `__init__`
and then sets `self.built = True` (LD004). The kernel exists before the layer has seen any input, so nothing ties
`inDim` to the features the layer is really given: the stack only works while every `inDim` is typed to match the
previous layer's `outDim` and the 128 node features of the Facebook Large Page-Page dataset; any other feature width
(another dataset, a feature-selection step, reordering the stack) fails inside `tf.matmul`, far from the constructor.
The project's later commit moved the kernel into `build(input)` with `inDim = input[0][-1]` (see the okcf_ pair).

From shakes76/PatternFlow (UQ COMP3710 student recognition projects), `recognition/44343309-Facebook-GCN/
modules.py` at 0196f83 (an early commit of that project). `GCNLayer.call(inputs)` takes `[features, edges]` and
computes `activation(edges @ (features @ W))`.

Porting edits: the file's `GCN(Model)` class is left out: its `call` builds a `models.Sequential([...])` out of
layer *outputs* and passes `input_dim=`/`output_dim=` keywords that `GCNLayer` does not accept, so it never ran.
build_model() wires the three layers that `GCN` lists (128 -> 64 -> 16 -> 4, relu, relu, softmax, dropout 0.3
between them) functionally, as the project's later `GCN()` function does, with the layer's own positional
`(inDim, outDim)` arguments. The activations are passed as callables (`tf.nn.relu`, `tf.nn.softmax`) since the layer
calls `self.activation(out)` directly; `kernel_regularizer=` (not a parameter) is dropped. The adjacency is a dense
(n, n) normalised matrix input instead of a sparse one. Graph: 24 nodes, 128 features.
"""

SOURCE = "https://github.com/shakes76/PatternFlow/blob/0196f8389be6c5c60454b7d6277aacc5738973c6/recognition/44343309-Facebook-GCN/modules.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/cf_patternflow_facebook_gcn_gcnlayer_add_weight_in_init_in_dim_by_hand.py:
as returned: Functional, count_params() = 9280, 3 weights, unbuilt: none
after call: count_params() = 9280, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gcn_layer': 8192, 'gcn_layer_1': 1024, 'gcn_layer_2': 64}
second call: 0 variables watched that the first call did not use
(Works as wired: one fit epoch runs.) probe_pf_gcn.py: GCNLayer(128, 64) holds a (128, 64) kernel and built=True right after __init__, before any input; called on 100-feature nodes it raises InvalidArgumentError 'Matrix size-incompatible: In[0]: [24,100], In[1]: [128,64] [Op:MatMul]' from GCNLayer.call(). No warning printed."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import datasets, layers, models, regularizers, preprocessing, Model
from tensorflow.keras.layers import Layer


class GCNLayer(Layer):
  def __init__(self, inDim, outDim, activation=None, bias=False):
    super(GCNLayer, self).__init__()
    self.inDim = inDim
    self.outDim = outDim
    self.activation = activation
    self.weight = self.add_weight(shape=(self.inDim, self.outDim), initializer="glorot_uniform")
    self.built = True

  def call(self, inputs):
    features = inputs[0]
    edges = inputs[1]
    featWeights = tf.matmul(features, self.weight)
    out = tf.matmul(edges, featWeights)

    if self.activation is not None:
      out = self.activation(out)

    return out


def _normalised_adjacency(n, rng):
    a = (rng.random((n, n)) < 0.15).astype('float32')
    a = np.maximum(a, a.T) + np.eye(n, dtype='float32')
    d = 1.0 / np.sqrt(a.sum(1))
    return (a * d[:, None] * d[None, :]).astype('float32')


def build_model(num_nodes=24, num_features=128, num_classes=4):
    rng = np.random.default_rng(0)
    features = keras.Input(shape=(num_features,), batch_size=num_nodes, name='features')
    edges = keras.Input(shape=(num_nodes,), batch_size=num_nodes, name='adjacency')
    x = GCNLayer(128, 64, activation=tf.nn.relu)([features, edges])
    x = layers.Dropout(0.3)(x)
    x = GCNLayer(64, 16, activation=tf.nn.relu)([x, edges])
    x = layers.Dropout(0.3)(x)
    out = GCNLayer(16, num_classes, activation=tf.nn.softmax)([x, edges])
    model = Model(inputs=[features, edges], outputs=out)
    X = rng.random((num_nodes, num_features)).astype('float32')
    A = _normalised_adjacency(num_nodes, rng)
    return model, [X, A]
