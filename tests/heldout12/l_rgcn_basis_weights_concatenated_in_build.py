"""R-GCN GraphConvolution: the per-relation kernels are made with add_weight and immediately
concatenated into one tensor in build(); call() multiplies by that frozen tensor.

The relational GCN layer (Schlichtkrull et al.) keeps one (input_dim, output_dim) kernel per
support matrix (or per basis). The author writes
`self.W = K.concatenate([self.add_weight(...) for _ in range(self.support)], axis=0)` in build(),
so the variables are tracked (they appear in the weights and in count_params) but the attribute
the forward pass reads is a tensor computed once from their initial values. In call() the
`num_bases > 0` branch even re-assigns `self.W` with a reshaped/permuted copy. Ported to Keras 3
with `keras.ops` in place of the old backend module, the model builds, counts every kernel and
trains only the bias: the kernels get no gradient and never move.
"""

SOURCE = "https://github.com/tkipf/relational-gcn/blob/master/rgcn/layers/graph.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py l_rgcn_basis_weights_concatenated_in_build.py:
as returned: Functional, count_params() = 104, 3 weights, unbuilt: none
after call: count_params() = 104, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 3 trainable weights: ['rgcn_0/rgcn_0_W', 'rgcn_0/rgcn_0_W']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rgcn_0': 104}
second call: 0 variables watched that the first call did not use
(own script: after W[0].assign(W[0] + 1.0) the layer output is unchanged: call reads the stale concat)"""

import keras
from keras import activations, initializers, regularizers
from keras import layers
from keras import ops as K


class GraphConvolution(layers.Layer):
    def __init__(self, output_dim, support=1, featureless=False,
                 init='glorot_uniform', activation='linear',
                 weights=None, W_regularizer=None, num_bases=-1,
                 b_regularizer=None, bias=False, dropout=0., **kwargs):
        self.init = initializers.get(init)
        self.activation = activations.get(activation)
        self.output_dim = output_dim  # number of features per node
        self.support = support  # filter support / number of weights
        self.featureless = featureless  # use/ignore input features
        self.dropout = dropout

        assert support >= 1

        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)

        self.bias = bias
        self.initial_weights = weights
        self.num_bases = num_bases

        # these will be defined during build()
        self.input_dim = None
        self.W = None
        self.W_comp = None
        self.b = None
        self.num_nodes = None

        super(GraphConvolution, self).__init__(**kwargs)

    def compute_output_shape(self, input_shapes):
        features_shape = input_shapes[0]
        output_shape = (features_shape[0], self.output_dim)
        return output_shape  # (batch_size, output_dim)

    def build(self, input_shapes):
        features_shape = input_shapes[0]
        if self.featureless:
            self.num_nodes = features_shape[1]  # NOTE: Assumes featureless input (i.e. square identity mx)
        assert len(features_shape) == 2
        self.input_dim = features_shape[1]

        if self.num_bases > 0:
            self.W = K.concatenate([self.add_weight(shape=(self.input_dim, self.output_dim),
                                                    initializer=self.init,
                                                    name='{}_W'.format(self.name),
                                                    regularizer=self.W_regularizer) for _ in range(self.num_bases)],
                                   axis=0)

            self.W_comp = self.add_weight(shape=(self.support, self.num_bases),
                                          initializer=self.init,
                                          name='{}_W_comp'.format(self.name),
                                          regularizer=self.W_regularizer)
        else:
            self.W = K.concatenate([self.add_weight(shape=(self.input_dim, self.output_dim),
                                                    initializer=self.init,
                                                    name='{}_W'.format(self.name),
                                                    regularizer=self.W_regularizer) for _ in range(self.support)],
                                   axis=0)

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
            if not self.featureless:
                supports.append(K.matmul(A[i], features))
            else:
                supports.append(A[i])
        supports = K.concatenate(supports, axis=1)

        if self.num_bases > 0:
            self.W = K.reshape(self.W,
                               (self.num_bases, self.input_dim, self.output_dim))
            self.W = K.transpose(self.W, (1, 0, 2))
            V = K.tensordot(self.W_comp, self.W, axes=[[1], [1]])
            V = K.reshape(V, (self.support * self.input_dim, self.output_dim))
            output = K.matmul(supports, V)
        else:
            output = K.matmul(supports, self.W)

        if self.featureless:
            tmp = K.ones(self.num_nodes)
            tmp_do = layers.Dropout(self.dropout)(tmp)
            output = K.transpose(K.transpose(output) * tmp_do)

        if self.bias:
            output += self.b
        return self.activation(output)

    def get_config(self):
        config = {'output_dim': self.output_dim,
                  'init': initializers.serialize(self.init),
                  'activation': activations.serialize(self.activation),
                  'W_regularizer': regularizers.serialize(self.W_regularizer) if self.W_regularizer else None,
                  'b_regularizer': regularizers.serialize(self.b_regularizer) if self.b_regularizer else None,
                  'num_bases': self.num_bases,
                  'bias': self.bias,
                  'support': self.support}
        base_config = super(GraphConvolution, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


NUM_NODES = 5
NUM_FEATURES = 6
HIDDEN = 8
SUPPORT = 2


def build_model():
    X_in = keras.Input(batch_shape=(NUM_NODES, NUM_FEATURES), name="features")
    A_in = [keras.Input(batch_shape=(NUM_NODES, NUM_NODES), name="A_%d" % i) for i in range(SUPPORT)]
    H = GraphConvolution(HIDDEN, support=SUPPORT, num_bases=-1, bias=True,
                         activation='relu', name='rgcn_0')([X_in] + A_in)
    return keras.Model(inputs=[X_in] + A_in, outputs=H)
