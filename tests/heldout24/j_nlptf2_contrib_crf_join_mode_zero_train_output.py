"""A keras-contrib style linear-chain CRF output layer (kernel, chain_kernel, bias, left/right
boundary energies made with `add_weight` in `build()`) whose `call()` in the default
`learn_mode='join'` returns `K.zeros_like(K.dot(X, self.kernel))` while training and the Viterbi
decoding only at test time; the real CRF likelihood lives in a `loss_function` property that reaches
back into `self._inbound_nodes[0].input_tensors[0]` / `.input_masks[0]` to recompute the energies.

From jiahenghuang/nlp-tensorflow2.0 (`ner/crf_layer.py`, a copy of keras-contrib's CRF used by the
repository's BiLSTM-CRF NER models). On Keras 3 the layer's training output is a constant zero tensor:
no gradient reaches any of the five CRF weights through the model output, and the `loss_function`
hack cannot repair it (Keras 3 nodes have no `input_masks`; the property raises AttributeError), so
a model compiled with an ordinary loss on the CRF output never trains the CRF.

Porting edits: `keras.backend` functions that Keras 3 no longer has -> `keras.ops` / `tf`
equivalents (`K.dot` -> `ops.matmul`, `K.zeros_like` -> `ops.zeros_like`, `K.in_train_phase(a, b)` ->
`a if training else b`); `viterbi_decoding` (built on `K.rnn`) -> a short greedy stand-in that
returns one-hot tags like the original; the marginal/`learn_mode='marginal'` branches and the
recursion helpers are left out (the default 'join' path is kept); the model is the repository's
BiLSTM-CRF shape (Embedding -> Bidirectional LSTM -> CRF) with vocabulary 30, embedding 8, LSTM 4,
5 tags, sequence length 6.
"""

SOURCE = "https://github.com/jiahenghuang/nlp-tensorflow2.0/blob/0b3c37456f46fe7836e273ac055186ccc81bf9a8/ner/crf_layer.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/j_nlptf2_contrib_crf_join_mode_zero_train_output.py:
as returned: Functional, count_params() = 736, 12 weights, unbuilt: none
after call: count_params() = 736, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 12 of 12 trainable weights: ['embedding/embeddings', 'bidirectional/forward_lstm/lstm_cell/kernel', 'bidirectional/forward_lstm/lstm_cell/recurrent_kernel', 'bidirectional/forward_lstm/lstm_cell/bias', 'bidirectional/backward_lstm/lstm_cell/kernel', 'bidirectional/backward_lstm/lstm_cell/recurrent_kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'crf': 80}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine24a/p18.py): with training=True the model output is all zeros; a categorical
cross-entropy on it gives a None gradient to all 12 trainable weights (the 5 CRF weights and, through
them, the embedding and both LSTMs); the author's crf.loss_function raises AttributeError: 'Node'
object has no attribute 'input_masks'; with training=False the output is one-hot Viterbi-style tags."""

import tensorflow as tf
import keras
from keras import ops, activations, initializers, regularizers, constraints
from keras.layers import Layer, InputSpec


class CRF(Layer):
    def __init__(self, units,
                 learn_mode='join',
                 test_mode=None,
                 sparse_target=False,
                 use_boundary=True,
                 use_bias=True,
                 activation='linear',
                 kernel_initializer='glorot_uniform',
                 chain_initializer='orthogonal',
                 bias_initializer='zeros',
                 boundary_initializer='zeros',
                 kernel_regularizer=None,
                 chain_regularizer=None,
                 boundary_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 chain_constraint=None,
                 boundary_constraint=None,
                 bias_constraint=None,
                 input_dim=None,
                 unroll=False,
                 **kwargs):
        super(CRF, self).__init__(**kwargs)
        self.supports_masking = True
        self.units = units
        self.learn_mode = learn_mode
        assert self.learn_mode in ['join', 'marginal']
        self.test_mode = test_mode
        if self.test_mode is None:
            self.test_mode = 'viterbi' if self.learn_mode == 'join' else 'marginal'
        else:
            assert self.test_mode in ['viterbi', 'marginal']
        self.sparse_target = sparse_target
        self.use_boundary = use_boundary
        self.use_bias = use_bias

        self.activation = activations.get(activation)

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.chain_initializer = initializers.get(chain_initializer)
        self.boundary_initializer = initializers.get(boundary_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.chain_regularizer = regularizers.get(chain_regularizer)
        self.boundary_regularizer = regularizers.get(boundary_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

        self.kernel_constraint = constraints.get(kernel_constraint)
        self.chain_constraint = constraints.get(chain_constraint)
        self.boundary_constraint = constraints.get(boundary_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

        self.unroll = unroll

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        self.input_dim = input_shape[-1]

        self.kernel = self.add_weight(shape=(self.input_dim, self.units),
                                      name='kernel',
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.chain_kernel = self.add_weight(shape=(self.units, self.units),
                                            name='chain_kernel',
                                            initializer=self.chain_initializer,
                                            regularizer=self.chain_regularizer,
                                            constraint=self.chain_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        name='bias',
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None

        if self.use_boundary:
            self.left_boundary = self.add_weight(shape=(self.units,),
                                                 name='left_boundary',
                                                 initializer=self.boundary_initializer,
                                                 regularizer=self.boundary_regularizer,
                                                 constraint=self.boundary_constraint)
            self.right_boundary = self.add_weight(shape=(self.units,),
                                                  name='right_boundary',
                                                  initializer=self.boundary_initializer,
                                                  regularizer=self.boundary_regularizer,
                                                  constraint=self.boundary_constraint)
        self.built = True

    def viterbi_decoding(self, X, mask=None):
        """Stand-in for the K.rnn Viterbi: greedy tags, returned one-hot like the original."""
        input_energy = self.activation(ops.matmul(X, self.kernel) + self.bias)
        argmin_tables = ops.argmax(input_energy, axis=-1)
        return ops.one_hot(argmin_tables, self.units)

    def call(self, X, mask=None, training=None):
        if self.test_mode == 'viterbi':
            test_output = self.viterbi_decoding(X, mask)
        else:
            test_output = self.get_marginal_prob(X, mask)

        self.uses_learning_phase = True
        if self.learn_mode == 'join':
            train_output = ops.zeros_like(ops.matmul(X, self.kernel))
            out = train_output if training else test_output
        else:
            out = test_output
        return out

    def compute_output_shape(self, input_shape):
        return input_shape[:2] + (self.units,)

    @property
    def loss_function(self):
        if self.learn_mode == 'join':
            def loss(y_true, y_pred):
                assert self._inbound_nodes, 'CRF has not connected to any layer.'
                X = self._inbound_nodes[0].input_tensors[0]
                mask = self._inbound_nodes[0].input_masks[0]
                return self.get_negative_log_likelihood(y_true, X, mask)
            return loss


def build_model():
    inputs = keras.Input(shape=(6,), dtype="int32")
    x = keras.layers.Embedding(30, 8)(inputs)
    x = keras.layers.Bidirectional(keras.layers.LSTM(4, return_sequences=True))(x)
    outputs = CRF(5, name="crf")(x)
    return keras.Model(inputs, outputs)
