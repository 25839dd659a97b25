"""keras-deep-graph-learning's `GraphAttentionCNN` (a graph attention layer) creates two sublayers inside `call()`
(LD002), once per attention head and per call: `ELU(alpha=1.0)(atten_coeff_matrix)` and
`Dropout(self.attention_dropout)(atten_coeff_matrix)`. They have no trainable weights, but on Keras 3 each new
`Dropout` brings its own random `SeedGenerator` state variable, which the layer never tracks; the attention dropout
is rebuilt on every pass instead of being a sublayer of the model, and under `model.fit` (a `tf.function`) the
variables created inside the traced call make training fail.

From vermaMachineLearning/keras-deep-graph-learning (keras_dgl: graph convolution, attention, recurrent and capsule
layers for Keras), `keras_dgl/layers/graph_attention_cnn_layer.py` at 899e852 (HEAD). `GraphAttentionCNN(output_dim,
adjacency_matrix, num_filters, graph_conv_filters, num_attention_heads, attention_combine, attention_dropout, ...)`
keeps the graph as `K.constant(adjacency_matrix)` (a fixed input, fine), creates one kernel and one attention kernel
per head in `build()` (tracked through lists), and in `call()` masks the attention logits with the adjacency and
applies the on-the-spot ELU and Dropout. `examples/graph_attention_cnn_node_classification_example.py` stacks two of
them in a `Sequential` GAT on Cora (8 heads concatenated, then 1 head averaged, attention_dropout 0.6) and trains
with `model.fit(X, Y_train, sample_weight=train_mask, batch_size=A.shape[0], ...)`: the nodes are the batch axis.

Porting edits: `keras.engine.topology.Layer` / `keras.layers` / `keras.backend` -> `tensorflow.keras.layers` /
`tensorflow.keras.backend` (Keras 3 keeps the legacy `K.dot`, `K.bias_add`, `K.constant`... there); `graph_conv_op`
from `keras_dgl/layers/graph_ops.py` is inlined; `Dropout(0.6, input_shape=...)` -> an `Input` first; `get_config`
is left out. The graph is ours and small (Cora is 2708 nodes): 20 nodes on a ring with a few chords, 16 features,
4 classes, `num_filters = 3` with filters `[I; A; A@A]` as in the example. build_model() returns the example's
model and the node feature matrix (the whole graph is one batch).
"""

SOURCE = "https://github.com/vermaMachineLearning/keras-deep-graph-learning/blob/899e85282981b8d5289df4f22f119fcbeaf5d657/keras_dgl/layers/graph_attention_cnn_layer.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/cc_kerasdgl_graphattentioncnn_dropout_and_elu_created_in_call.py:
as returned: Sequential, count_params() = 3976, 18 weights, unbuilt: none
after call: count_params() = 3976, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_attention_cnn': 3200, 'graph_attention_cnn_1': 776}
second call: 0 variables watched that the first call did not use
(The created layers hold no trainable weights, so counts and gradients look clean.) probe_dgl.py: under tf.variable_creator_scope each training-mode call creates 9 new variables, graph_attention_cnn/seed_generator_N/seed_generator_state (one per attention head: 8 + 1), with new N every call; model.variables holds 20, of which only the 2 seed generators of the model's own Dropout layers; inference calls agree; model.fit(X, Y, batch_size=20) raises ValueError 'tf.function only supports singleton tf.Variables created on the first call...'. No warning printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import activations, initializers, constraints
from tensorflow.keras import regularizers
import tensorflow.keras.backend as K
from tensorflow.keras.layers import Layer
from tensorflow.keras.layers import Dropout, LeakyReLU, ELU


def graph_conv_op(x, num_filters, graph_conv_filters, kernel):  # keras_dgl/layers/graph_ops.py

    if len(x.get_shape()) == 2:
        conv_op = K.dot(graph_conv_filters, x)
        conv_op = tf.split(conv_op, num_filters, axis=0)
        conv_op = K.concatenate(conv_op, axis=1)
    elif len(x.get_shape()) == 3:
        conv_op = K.batch_dot(graph_conv_filters, x)
        conv_op = tf.split(conv_op, num_filters, axis=1)
        conv_op = K.concatenate(conv_op, axis=2)
    else:
        raise ValueError('x must be either 2 or 3 dimension tensor'
                         'Got input shape: ' + str(x.get_shape()))

    conv_out = K.dot(conv_op, kernel)
    return conv_out


class GraphAttentionCNN(Layer):

    def __init__(self,
                 output_dim,
                 adjacency_matrix,
                 num_filters=None,
                 graph_conv_filters=None,
                 num_attention_heads=1,
                 attention_combine='concat',
                 attention_dropout=0.5,
                 activation=None,
                 use_bias=False,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):

        if attention_combine not in {'concat', 'average'}:
            raise ValueError('Possbile reduction methods: concat, average')

        super(GraphAttentionCNN, self).__init__(**kwargs)

        self.output_dim = output_dim
        self.adjacency_matrix = K.constant(adjacency_matrix)

        self.num_filters = num_filters
        if self.num_filters is not None:
            if self.num_filters != int(graph_conv_filters.get_shape().as_list()[-2]/graph_conv_filters.get_shape().as_list()[-1]):
                raise ValueError('num_filters does not match with graph_conv_filters dimensions.')
            self.graph_conv_filters = graph_conv_filters

        self.num_attention_heads = num_attention_heads
        self.attention_combine = attention_combine
        self.attention_dropout = attention_dropout

        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_initializer.__name__ = kernel_initializer
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.supports_masking = False

        self.input_dim = None
        self.kernels = []
        self.kernels_biases = []
        self.attention_kernels = []
        self.attention_kernels_biases = []

    def build(self, input_shape):

        self.input_dim = input_shape[-1]

        if self.num_filters is not None:
            kernel_shape = (self.num_filters * self.input_dim, self.output_dim)
        else:
            kernel_shape = (self.input_dim, self.output_dim)

        attention_kernel_shape = (2 * self.output_dim, 1)

        for _ in range(self.num_attention_heads):

            kernel = self.add_weight(shape=kernel_shape,
                                     initializer=self.kernel_initializer,
                                     name='kernel',
                                     regularizer=self.kernel_regularizer,
                                     constraint=self.kernel_constraint)
            self.kernels.append(kernel)

            if self.use_bias:
                bias = self.add_weight(shape=(self.output_dim,),
                                       initializer=self.bias_initializer,
                                       name='bias',
                                       regularizer=self.bias_regularizer,
                                       constraint=self.bias_constraint)
            else:
                bias = None
            self.kernels_biases.append(bias)

            attention_kernel = self.add_weight(shape=attention_kernel_shape,
                                               initializer=self.kernel_initializer,
                                               name='attention_kernel',
                                               regularizer=self.kernel_regularizer,
                                               constraint=self.kernel_constraint)

            self.attention_kernels.append(attention_kernel)
            if self.use_bias:
                bias = self.add_weight(shape=(1,),
                                       initializer=self.bias_initializer,
                                       name='attention_bias',
                                       regularizer=self.bias_regularizer,
                                       constraint=self.bias_constraint)
            else:
                bias = None
            self.attention_kernels_biases.append(bias)

        self.built = True

    def call(self, input):

        outputs = []

        for i in range(self.num_attention_heads):

            if self.num_filters is not None:
                conv_out = graph_conv_op(input, self.num_filters, self.graph_conv_filters, self.kernels[i])
            else:
                conv_out = K.dot(input, self.kernels[i])

            if self.use_bias:
                conv_out = K.bias_add(conv_out, self.kernels_biases[i])

            atten_conv_out_self = K.dot(conv_out, self.attention_kernels[i][:self.output_dim])
            atten_conv_out_neigh = K.dot(conv_out, self.attention_kernels[i][self.output_dim:])

            if self.use_bias:
                atten_conv_out_self = K.bias_add(atten_conv_out_self, self.attention_kernels_biases[i])

            atten_coeff_matrix = atten_conv_out_self + K.transpose(atten_conv_out_neigh)
            atten_coeff_matrix = ELU(alpha=1.0)(atten_coeff_matrix)  # can be replaced by LeakyReLU(alpha=0.2) as set in the paper

            mask = K.exp(self.adjacency_matrix * -10e9) * -10e9
            atten_coeff_matrix = atten_coeff_matrix + mask

            atten_coeff_matrix = K.softmax(atten_coeff_matrix)
            atten_coeff_matrix = Dropout(self.attention_dropout)(atten_coeff_matrix)

            node_feature_matrix = K.dot(atten_coeff_matrix, conv_out)

            if self.attention_combine == 'concat' and self.activation is not None:
                node_feature_matrix = self.activation(node_feature_matrix)

            outputs.append(node_feature_matrix)

        if self.attention_combine == 'concat':
            output = K.concatenate(outputs)
        else:
            output = K.mean(K.stack(outputs), axis=0)
            if self.activation is not None:
                output = self.activation(output)

        return output

    def compute_output_shape(self, input_shape):
        if self.attention_combine == 'concat':
            actutal_output_dim = self.output_dim * self.num_attention_heads
        else:
            actutal_output_dim = self.output_dim
        output_shape = (input_shape[0], actutal_output_dim)
        return output_shape


def build_model(n_nodes=20, n_features=16, n_classes=4):
    rng = np.random.default_rng(0)
    A = np.zeros((n_nodes, n_nodes))
    for i in range(n_nodes):
        A[i, (i + 1) % n_nodes] = A[(i + 1) % n_nodes, i] = 1.0
    for i, j in [(0, 10), (3, 15), (5, 12), (7, 18)]:
        A[i, j] = A[j, i] = 1.0
    X = rng.random((n_nodes, n_features)).astype('float32')

    # build graph_conv_filters
    num_filters = 3
    graph_conv_filters = np.concatenate([np.eye(A.shape[0]), A, np.matmul(A, A)], axis=0)
    graph_conv_filters = K.constant(graph_conv_filters)

    # build model
    model = tf.keras.Sequential()
    model.add(tf.keras.Input(shape=(X.shape[1],)))
    model.add(Dropout(0.6))
    model.add(GraphAttentionCNN(8, A, num_filters, graph_conv_filters, num_attention_heads=8, attention_combine='concat', attention_dropout=0.6, activation='elu', kernel_regularizer=regularizers.l2(5e-4)))
    model.add(Dropout(0.6))
    model.add(GraphAttentionCNN(n_classes, A, num_filters, graph_conv_filters, num_attention_heads=1, attention_combine='average', attention_dropout=0.6, activation='elu', kernel_regularizer=regularizers.l2(5e-4)))
    model.add(tf.keras.layers.Activation('softmax'))
    return model, X
