"""keras-gcn GraphConvolution: every setting is assigned before super().__init__(**kwargs), and
the kernel is sized `input_dim * support` from the first of several inputs in build().

The kegra layer is written in the Keras 1 idiom: activation, initializer, regularizers, the
`support` count and placeholders (`self.W = None`, `self.b = None`) are all set on self before the
base class constructor runs; build() receives a list of shapes (features plus one adjacency matrix
per support) and makes one stacked kernel. It looks like the late-super and fixed-input-dim
patterns, but nothing here is a sublayer or a Keras-managed setting (trainable/name), the weights
are made in build() from the real shape, and both kernel and bias are used in call(). Ported to
Keras 3 (keras.ops for the backend functions) it counts and trains everything.
"""

SOURCE = "https://github.com/tkipf/keras-gcn/blob/master/kegra/layers/graph.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okl_kegra_graphconv_settings_before_super.py:
as returned: Functional, count_params() = 403, 4 weights, unbuilt: none
after call: count_params() = 403, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_convolution': 256, 'graph_convolution_1': 147}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import activations, initializers, regularizers
from keras import layers
from keras import ops as K


class GraphConvolution(layers.Layer):
    """Basic graph convolution layer as in https://arxiv.org/abs/1609.02907"""
    def __init__(self, output_dim, support=1, init='glorot_uniform',
                 activation='linear', weights=None, W_regularizer=None,
                 b_regularizer=None, bias=False, **kwargs):
        self.init = initializers.get(init)
        self.activation = activations.get(activation)
        self.output_dim = output_dim  # number of features per node
        self.support = support  # filter support / number of weights

        assert support >= 1

        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)

        self.bias = bias
        self.initial_weights = weights

        # these will be defined during build()
        self.input_dim = None
        self.W = None
        self.b = None

        super(GraphConvolution, self).__init__(**kwargs)

    def compute_output_shape(self, input_shapes):
        features_shape = input_shapes[0]
        output_shape = (features_shape[0], self.output_dim)
        return output_shape  # (batch_size, output_dim)

    def build(self, input_shapes):
        features_shape = input_shapes[0]
        assert len(features_shape) == 2
        self.input_dim = features_shape[1]

        self.W = self.add_weight(shape=(self.input_dim * self.support, self.output_dim),
                                 initializer=self.init,
                                 name='{}_W'.format(self.name),
                                 regularizer=self.W_regularizer)
        if self.bias:
            self.b = self.add_weight(shape=(self.output_dim,),
                                     initializer='zeros',
                                     name='{}_b'.format(self.name),
                                     regularizer=self.b_regularizer)

        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            del self.initial_weights

    def call(self, inputs, mask=None):
        features = inputs[0]
        A = inputs[1:]  # list of basis functions

        # convolve
        supports = list()
        for i in range(self.support):
            supports.append(K.matmul(A[i], features))
        supports = K.concatenate(supports, axis=1)
        output = K.matmul(supports, self.W)

        if self.bias:
            output += self.b
        return self.activation(output)

    def get_config(self):
        config = {'output_dim': self.output_dim,
                  'init': initializers.serialize(self.init),
                  'activation': activations.serialize(self.activation),
                  'W_regularizer': regularizers.serialize(self.W_regularizer) if self.W_regularizer else None,
                  'b_regularizer': regularizers.serialize(self.b_regularizer) if self.b_regularizer else None,
                  'bias': self.bias,
                  'support': self.support}
        base_config = super(GraphConvolution, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


N_NODES = 6
N_FEATS = 5
SUPPORT = 3  # chebyshev polynomials T0..T2


def build_model():
    X_in = keras.Input(batch_shape=(N_NODES, N_FEATS))
    G = [keras.Input(batch_shape=(N_NODES, N_NODES)) for _ in range(SUPPORT)]

    H = layers.Dropout(0.5)(X_in)
    H = GraphConvolution(16, SUPPORT, activation='relu', bias=True,
                         W_regularizer=regularizers.l2(5e-4))([H] + G)
    H = layers.Dropout(0.5)(H)
    Y = GraphConvolution(3, SUPPORT, activation='softmax', bias=True)([H] + G)

    return keras.Model(inputs=[X_in] + G, outputs=Y)
