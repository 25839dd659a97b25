"""PatternFlow's Facebook-page GCN (student project 44343309), later commit: `GCNLayer(channels, activation)` keeps
only the output width in `__init__` and creates its kernel in `build(input)` from the feature width it is given
(`inDim = input[0][-1]`). It looks like the hand-sized layer of the earlier commit (a variable called `inDim`, a
kernel of shape `(inDim, channels)`, `self.built = True` set by hand), but it is correct: the input width comes from
the first call, the five stacked layers (64, 32, 16, 8, classes) size themselves, and every kernel is tracked and
trained. Setting `self.built = True` at the end of `build()` is harmless on Keras 3.

From shakes76/PatternFlow (UQ COMP3710 student recognition projects), `recognition/44343309-Facebook-GCN/
modules.py` at 55b5d76, the fix of the `GCNLayer(inDim, outDim)` kept in the cf_ pair. `GCN(numNodes, numFeatures,
numClasses, ...)` is the project's functional model: dropout, then GCNLayer([features, nodes]) five times.

Porting edits: `Input(shape=(numFeatures))` / `Input((numNodes), sparse=True)` -> tuples with the graph as one batch
(`batch_size=numNodes`), and the adjacency is given dense (a normalised (n, n) matrix) instead of as a
`tf.SparseTensor`; nothing else changed. build_model() calls the project's `GCN(24, 128, 4)` and returns it with a
small random graph (the Facebook data has 22,470 nodes with 128 features and 4 page classes).
"""

SOURCE = "https://github.com/shakes76/PatternFlow/blob/55b5d768616089cc0896c1710454bf52492afaf4/recognition/44343309-Facebook-GCN/modules.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/okcf_patternflow_facebook_gcn_gcnlayer_kernel_from_build_input.py:
as returned: Functional, count_params() = 10912, 5 weights, unbuilt: none
after call: count_params() = 10912, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gcn_layer': 8192, 'gcn_layer_1': 2048, 'gcn_layer_2': 512, 'gcn_layer_3': 128, 'gcn_layer_4': 32}
second call: 0 variables watched that the first call did not use
probe_pf_gcn_ok.py: GCN(24, 100, 4) on 100 features builds (9120 params, first kernel (100, 64)) with no change to the layer; one fit epoch changes 5 of 5 trainable weights. No warning printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model, activations, initializers
from tensorflow.keras.layers import Layer, Input, Dropout

def GCN(numNodes, numFeatures, numClasses, channelA=64, channelB=32, channelC=16, channelD=8, dropout=0.1):
  features = Input(shape=(numFeatures,), batch_size=numNodes)
  nodes = Input((numNodes,), batch_size=numNodes)

  dp1 = Dropout(dropout)(features)
  layer1 = GCNLayer(channelA, activation='relu')([dp1, nodes])

  dp2 = Dropout(dropout)(layer1)
  layer2 = GCNLayer(channelB, activation='relu')([dp2, nodes])

  dp3 = Dropout(dropout)(layer2)
  layer3 = GCNLayer(channelC, activation='relu')([dp3, nodes])

  dp4 = Dropout(dropout)(layer3)
  layer4 = GCNLayer(channelD, activation='relu')([dp4, nodes])

  dp5 = Dropout(dropout)(layer4)
  layer5 = GCNLayer(numClasses, activation='softmax')([dp5, nodes])

  model = Model(inputs=[features, nodes], outputs=layer5)
    
  return model
class GCNLayer(Layer):
  def __init__(self, channels, activation=None, kernel_initializer='glorot_uniform', 
              bias_initializer='zeros'):
    super(GCNLayer, self).__init__(
        trainable=True)
    self.channels = channels
    self.activation = activations.get(activation)
    self.kernel_initializer = initializers.get(kernel_initializer)
    self.bias_initializer = initializers.get(bias_initializer)

  def build(self, input):
    inDim = input[0][-1]
    self.kernel = self.add_weight(name="kernel",
        shape=(inDim, self.channels),
        initializer=self.kernel_initializer
      )
    self.built = True

  def call(self, input):
    features, edges = input
    output = tf.keras.backend.dot(features, self.kernel)
    output = tf.keras.backend.dot(edges, output)
    output = self.activation(output)

    return output


def _normalised_adjacency(n, rng):
    a = (rng.random((n, n)) < 0.15).astype('float32')
    a = np.maximum(a, a.T) + np.eye(n, dtype='float32')
    d = 1.0 / np.sqrt(a.sum(1))
    return (a * d[:, None] * d[None, :]).astype('float32')


def build_model(num_nodes=24, num_features=128, num_classes=4):
    rng = np.random.default_rng(0)
    model = GCN(num_nodes, num_features, num_classes)
    X = rng.random((num_nodes, num_features)).astype('float32')
    A = _normalised_adjacency(num_nodes, rng)
    return model, [X, A]
