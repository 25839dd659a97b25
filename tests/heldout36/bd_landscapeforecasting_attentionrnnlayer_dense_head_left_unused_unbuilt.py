"""An LSTM + context-attention wrapper layer keeps a Dense head (and a Reshape) whose calls are commented out: never built, 0 params.

From SerTelnov/landscape-forecasting (`python/dlf/attention_rnn.py`, `AttentionRNNLayer`, with
`AttentionWithContext` from `python/dlf/attention_layer.py`), a deep landscape forecasting model for bid prices.
`AttentionRNNLayer.__init__` makes `self.rnn = layers.RNN(layers.LSTMCell(310), return_sequences=True)`, an
`AttentionWithContext()` over the RNN outputs and `self.dense = layers.Dense(units=1, input_shape=(-1, units, 1),
activation='softmax')`; its `build()` makes `self.reshape = layers.Reshape((bid_sequence,))` and sets
`self.built = True`. In `call()` the author commented out `x = self.dense(x)` and `x = self.reshape(x)` and applies
a sigmoid to the attention output instead, so the Dense head (and the Reshape) are never called: the Dense stays
unbuilt with no weights while the model summary lists it (LD005). Doubt kept: the author may have dropped the
head on purpose while experimenting; the layer still carries it as dead state, which is what LD005 names.
`AttentionWithContext` also sets `self.supports_masking` and its settings before `super().__init__()`; Keras 3 keeps
them (none is reset), so that is not counted as a defect here.

Porting edits: `AttentionWithContext` uses `tensorflow.keras.backend` functions (`K.dot`, `K.tanh`, `K.exp`,
`K.sum`, `K.cast`, `K.expand_dims`, `K.squeeze`, `K.floatx`, `K.epsilon`) that Keras 3 removed; they are replaced
one for one by `keras.ops` / `keras.config` equivalents. `tf.keras` is `keras`. Otherwise both classes are the
author's. `build_model()` wires `Input((20, 8)) -> AttentionRNNLayer(20)`.
"""

SOURCE = "https://github.com/SerTelnov/landscape-forecasting/blob/2bdb1d7a16c64938e6d9d14958a34d34eb7802f6/python/dlf/attention_rnn.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bd_landscapeforecasting_attentionrnnlayer_dense_head_left_unused_unbuilt.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 492280, 6 weights, unbuilt: ['Dense:dense']
after call: count_params() = 492280, 6 trainable weights, unbuilt: ['Dense:dense']; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_rnn_layer': 492280, 'attention_with_context': 96720}
second call: 0 variables watched that the first call did not use
probe (probe_bd_landscape.py): layer.dense.built False, 0 weights (the Reshape made in build() reports built=True:
it has no state); summary row 'attention_rnn_layer (None, 310) 492,280', Total params 492,280 (LSTM + attention only)."""

import tensorflow as tf
import keras
import keras.layers as layers
from keras import constraints, initializers, regularizers, ops
from keras.layers import Layer


class AttentionWithContext(Layer):

    def __init__(self,
                 W_regularizer=None, u_regularizer=None, b_regularizer=None,
                 W_constraint=None, u_constraint=None, b_constraint=None,
                 bias=True, **kwargs):

        self.supports_masking = True
        self.init = initializers.get('glorot_uniform')

        self.W_regularizer = regularizers.get(W_regularizer)
        self.u_regularizer = regularizers.get(u_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)

        self.W_constraint = constraints.get(W_constraint)
        self.u_constraint = constraints.get(u_constraint)
        self.b_constraint = constraints.get(b_constraint)

        self.bias = bias
        super(AttentionWithContext, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3

        self.W = self.add_weight(shape=(input_shape[-1], input_shape[-1],),
                                 initializer=self.init,
                                 name='{}_W'.format(self.name),
                                 regularizer=self.W_regularizer,
                                 constraint=self.W_constraint)
        if self.bias:
            self.b = self.add_weight(shape=(input_shape[-1],),
                                     initializer='zero',
                                     name='{}_b'.format(self.name),
                                     regularizer=self.b_regularizer,
                                     constraint=self.b_constraint)

        self.u = self.add_weight(shape=(input_shape[-1],),
                                 initializer=self.init,
                                 name='{}_u'.format(self.name),
                                 regularizer=self.u_regularizer,
                                 constraint=self.u_constraint)

        super(AttentionWithContext, self).build(input_shape)

    def compute_mask(self, input, input_mask=None):
        # do not pass the mask to the next layers
        return None

    def call(self, x, mask=None):
        uit = self.dot_product(x, self.W)

        if self.bias:
            uit += self.b

        uit = ops.tanh(uit)
        ait = self.dot_product(uit, self.u)

        a = ops.exp(ait)

        if mask is not None:
            a *= ops.cast(mask, keras.config.floatx())

        a /= ops.cast(ops.sum(a, axis=1, keepdims=True) + keras.config.epsilon(), keras.config.floatx())

        a = ops.expand_dims(a, -1)
        weighted_input = x * a
        return ops.sum(weighted_input, axis=1)

    def compute_output_shape(self, input_shape):
        return input_shape[0], input_shape[-1]

    @staticmethod
    def dot_product(x, kernel):
        k = ops.expand_dims(kernel, -1)  # K.dot(x, k): contract x's last axis with k's second-to-last
        return ops.squeeze(ops.tensordot(x, k, axes=[[len(x.shape) - 1], [len(k.shape) - 2]]), axis=-1)


class AttentionRNNLayer(layers.Layer):

    def __init__(self, units):
        super(AttentionRNNLayer, self).__init__()
        self.units = units
        self.rnn = layers.RNN(
            layers.LSTMCell(310),
            return_sequences=True
        )
        # self.attention = layers.Attention()
        self.attention = AttentionWithContext()
        self.dense = layers.Dense(
            units=1,
            input_shape=(-1, units, 1),
            activation='softmax'
        )
        self.bid_sequence = None
        self.reshape = None

    def build(self, input_shape):
        self.bid_sequence = input_shape[1]
        self.reshape = layers.Reshape((self.bid_sequence,))
        self.built = True

    def call(self, inputs, **kwargs):
        x = self.rnn(inputs)
        x = self.attention(x)
        # x = self.dense(x)
        # x = self.reshape(x)
        x = keras.activations.sigmoid(x)
        return x


def build_model():
    inputs = keras.Input(shape=(20, 8))
    outputs = AttentionRNNLayer(20)(inputs)
    return keras.Model(inputs, outputs)
