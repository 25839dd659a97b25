"""NexGCN's `GraphNeuralNetwork` layer (a spectral GCN layer, `relu(F @ features @ W + b)`) creates its kernel with
`self.add_weight(shape=(self.input_dim, self.units), ...)` inside `__init__`, right after `super().__init__()`, with
`input_dim` handed in by the caller (LD004). `ExperimentalGCN.GCN()` passes `int(self.shape)`, the width of the
graph operator `F` (the number of nodes), so the layer's weights are fixed to one graph size at construction: the
layer cannot infer its input width, and the same layer applied to the operator of another graph (or of the same graph
with nodes added) fails with a matmul shape error instead of building for the new input. The right place is
`build(input_shape)` with `input_shape[-1]`.

From abhilash1910/NexGCN (a small pip package, "NexGCN", spectral graph convolution on networkx/pandas graphs),
`NexGCN/NexGCN.py` at d08d42b. `ExperimentalGCN.create_network()` turns a networkx graph into `A + I`, the degree
matrix `D` and `F = D^-1 (A + I)`; `extract_binary_features()` sets `self.shape = self.F.shape[-1]` and
`self.features = self.network.I`, then `GCN()` builds `Sequential([Input(tensor=F), GraphNeuralNetwork(units,
int(self.shape), relu, glorot_uniform, None, zeros, None, features), Dropout(0.5), Dense(units, activation)])`.
`NexGCN/Test_networkx.py` (099dfe3) runs the same flow, under its earlier name `extract_features(128, 2, sigmoid,
'adam', 5, 20, 1)`, on a 3-node weighted DiGraph (edges 0->2, 3->0, 3->2).

Porting edits: `GraphNeuralNetwork` kept as written except `k.dot` -> `tf.matmul` (Keras 3's `keras.backend` has no
`dot`). `disable_eager_execution()` dropped. `Network.build` is replaced by `network_operators(A)` doing the same numpy
arithmetic (`A + I`, column-sum degree matrix, `F = D**-1 * A` on np.matrix) without networkx (not installed); the
adjacency of Test_networkx.py's DiGraph is written out. `Input(tensor=F)` (refused by Keras 3) becomes
`Input(shape=(n_nodes,))` with F's rows as the batch, as `model.fit(self.network.F, batch_size=F.shape[-1])` feeds
them. build_model() builds GCN() with 128 units and a Dense(2, sigmoid) head, as the test script's call does, and
returns it with F (3 x 3) as the batch. The imports of networkx, `keras.models`, `keras.optimizers` and `keras.backend`
are dropped with the code that used them.
"""

SOURCE = "https://github.com/abhilash1910/NexGCN/blob/d08d42b77053e213f5572beaac2cd40c2ebc5531/NexGCN/NexGCN.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/ci_nexgcn_graphneuralnetwork_add_weight_in_init_node_count_by_hand.py:
as returned: Sequential, count_params() = 770, 4 weights, unbuilt: none
after call: count_params() = 770, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_neural_network': 512}
second call: 0 variables watched that the first call did not use
probe_nexgcn.py: right after GCN() the layer already holds w (3, 128) and b (128,), sized by the node count passed in by hand; applying the same GraphNeuralNetwork to the operator of a 5-node ring graph (F 5 x 5, features set to its 5 x 5 identity) raises InvalidArgumentError 'Matrix size-incompatible: In[0]: [5,5], In[1]: [3,128]' from the matmul in call() instead of building for the new width."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import Dense, Flatten, Embedding, Dropout
from keras import initializers, regularizers, activations, constraints
from tensorflow.keras.layers import Layer, Input


class GraphNeuralNetwork(Layer):
    def __init__(self, units, input_dim,activation,kernel_initializer,kernel_regularizer,bias_initializer,bias_regularizer,features):
        self.units=units
        self.input_dim=input_dim
        self.kernel_initializer=initializers.get(kernel_initializer)
        self.bias_initializer=initializers.get(bias_initializer)
        self.kernel_regularizer=regularizers.get(kernel_regularizer)
        self.bias_regularizer=regularizers.get(bias_regularizer)
        self.activation=activations.get(activation)
        self.features=features
        super(GraphNeuralNetwork, self).__init__()
        self.w = self.add_weight(
            shape=(self.input_dim, self.units), initializer=self.kernel_initializer,regularizer=self.kernel_regularizer, trainable=True
        )
        self.b = self.add_weight(shape=(self.units,), initializer=self.bias_initializer,regularizer=self.bias_regularizer, trainable=True)

    def call(self,inp):
        temp=tf.matmul(inp,self.features)
        output=tf.matmul(temp,self.w)
        return self.activation(output + self.b)


def network_operators(A):
    # Network.build / convert_tensor without networkx
    A = np.matrix(A, dtype="float64")
    I = np.eye(A.shape[0])
    A = A + I
    D = np.array(np.sum(A, axis=0))[0]
    D = np.matrix(np.diag(D))
    F = (D**(-1) * A)
    return np.asarray(F, dtype="float32"), tf.constant(I, dtype="float32")


def GCN(n_nodes, units, output_units, features, activation):
    model = keras.Sequential()
    model.add(Input(shape=(n_nodes,)))
    model.add(GraphNeuralNetwork(units, int(n_nodes), keras.activations.relu, keras.initializers.glorot_uniform, None, keras.initializers.zeros, None, features))
    model.add(Dropout(0.5))
    model.add(Dense(units=output_units, activation=activation))
    return model


def build_model():
    # Test_networkx.py: DiGraph with weighted edges (0,2,0.5), (3,0,0.75), (3,2,0.75); nodes sorted [0, 2, 3]
    A = np.array([[0.0, 0.5, 0.0],
                  [0.0, 0.0, 0.0],
                  [0.75, 0.75, 0.0]])
    F, I = network_operators(A)
    model = GCN(F.shape[-1], 128, 2, I, keras.activations.sigmoid)
    return model, F
