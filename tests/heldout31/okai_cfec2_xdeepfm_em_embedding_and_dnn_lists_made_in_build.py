"""An xDeepFM-style CTR model whose custom layers create their sublayers in `build()`: `EM` makes its
`Embedding` there (named after the outer layer, with the removed `input_length` argument), and
`DNNLayer` fills four plain lists (`dense_lst`, `bn_lst`, `act_lst`, `dropout_lst`) with Dense /
BatchNormalization / Activation / Dropout layers inside `build()`; `EmLinear` resets `self.k = 1`
after `super().__init__()` (the file's `AddBias` is kept but unused by this model).

From chamhoo/cfec2 (`tools/emkeras.py`, Kaggle Categorical Feature Encoding Challenge II). Looks like
the "sublayers made outside `__init__`", "layers in plain lists" and "attribute changed after
super().__init__" traps. On Keras 3 the layers assigned in `build()` (before Keras marks the layer
built) and the lists are tracked; every Embedding, Dense, BatchNormalization and the bias are
counted, get gradients and train; `input_length` is dropped with a warning.

Porting edits: `tensorflow.keras.backend` functions (`K.expand_dims`, `K.sum`, `K.pow`, `K.reshape`,
`K.concatenate`) -> `keras.ops` equivalents (Keras 3 has no `keras.backend` math); `build_model()`
is the author's `xdeepfm(...)` with `use_cin=False` and the CIN branch (which the author computes
even when unused, with raw `tf` ops on symbolic tensors) left out; `feature_number=6`,
`vocabulary_size=20`, `k=5` (the author hard-codes `k=5` for `EM`), `num_neuron=8`, `deep_use_bn=True`;
`EM.compute_output_shape` (which returns `[batch, fn, k], [batch, fn, 1]`) removed: Keras 3 wires the
functional graph with it, and `EmLinear` inherits it although it returns one tensor, so building
raised "Cannot convert '1' to a shape" in `EmLinear.call()` -- a shape-method mismatch, not the
tracking question this case is about.
"""

SOURCE = "https://github.com/chamhoo/cfec2/blob/4f6034064ddcc05b0cc8cbe601edd70727bdb5a5/tools/emkeras.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okai_cfec2_xdeepfm_em_embedding_and_dnn_lists_made_in_build.py:
warning: Argument `input_length` is deprecated. Just remove it.
warning: Argument `input_length` is deprecated. Just remove it.
as returned: Functional, count_params() = 498, 14 weights, unbuilt: none
after call: count_params() = 498, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'em': 100, 'em_l': 20, 'dnn_layer': 368}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31c/probe_cfec2.py): `dnn_layer.dense_lst` is a TrackedList, both Dense built;
`em_l.k == 1` (the reset after super().__init__() holds: em_l's table is 20 x 1), its inner Embedding is
named 'em_l' like its owner; one fit step (adam, 16 rows) changes 10 of 10 trainable weights
(368 = 2 Dense 240+64, 2 BatchNormalization 2x16 of which half non-trainable)."""

import keras
from keras import ops
import tensorflow as tf
from tensorflow.keras import Model, Input, regularizers
from tensorflow.keras.layers import Dense, Activation, Embedding, add, multiply, Dropout, BatchNormalization, Conv1D, Layer


def outputs(inputs, x_out, activation, loss, metrics, optimizer):
    # activation
    act = Activation(activation) if isinstance(activation, str) else activation
    y = act(x_out)
    # model
    model = Model(inputs=inputs, outputs=y)
    model.compile(loss=loss, metrics=metrics, optimizer=optimizer)
    return model


class EM(Layer):
    def __init__(self, vocabulary_size, feature_number, k=5, l1=0., l2=0., **kwargs):
        super().__init__(**kwargs)
        self.vocabulary_size = vocabulary_size
        self.feature_number = feature_number
        self.k = k
        self.l1 = l1
        self.l2 = l2

    def build(self, input_shape):
        self.em = Embedding(self.vocabulary_size, self.k,
                            input_length=self.feature_number,
                            name=self.name,
                            embeddings_regularizer=regularizers.L1L2(self.l1, self.l2))
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        idx, val = inputs
        em_w = self.em(idx)
        val = ops.expand_dims(val, axis=-1)  # (batch_size, feature_numbers, 1)
        return em_w, val

    def get_config(self):
        params = super().get_config()
        params['vocabulary_size'] = self.vocabulary_size
        params['feature_number'] = self.feature_number
        params['k'] = self.k
        params['l1'] = self.l1
        params['l2'] = self.l2
        return params


class EmLinear(EM):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.k = 1

    def call(self, inputs, **kwargs):
        w, val = super().call(inputs)
        return ops.sum(multiply([w, val]), axis=1, keepdims=False)  # (batch_size, 1)


class AddBias(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.w0 = self.add_weight(name='w_bias',
                                  shape=[input_shape[-1]],
                                  dtype='float32',
                                  initializer='zeros',
                                  trainable=True)
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        return inputs + self.w0

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        params = super().get_config()
        return params


class DNNLayer(Layer):
    def __init__(self, num_neuron=128, num_layer=2,
                 l1=0., l2=0., dropout=0.,
                 activation='relu', bn=False, use_bias=False,
                 **kwargs):

        super().__init__(**kwargs)
        self.num_layer = num_layer
        self.num_neuron = num_neuron
        self.l1 = l1
        self.l2 = l2
        self.dropout = dropout
        self.activation = activation
        self.bn = bn
        self.use_bias = use_bias

    def build(self, input_shape):
        self.dense_lst = []
        self.bn_lst = []
        self.act_lst = []
        self.dropout_lst = []

        for i in range(self.num_layer):
            self.dense_lst.append(
                Dense(units=self.num_neuron,
                      use_bias=self.use_bias,
                      kernel_regularizer=regularizers.L1L2(self.l1, self.l2), name=f'dense_{i}')
            )

            self.bn_lst.append(BatchNormalization())
            act = Activation(self.activation) if isinstance(self.activation, str) else self.activation
            self.act_lst.append(act)
            self.dropout_lst.append(Dropout(rate=self.dropout))

    def call(self, inputs, **kwargs):
        x = inputs
        for i in range(self.num_layer):
            x = self.dense_lst[i](x)
            x = self.bn_lst[i](x)
            x = self.act_lst[i](x)
            x = self.dropout_lst[i](x)
        return x


def xdeepfm(vocabulary_size, feature_number,
            activation, loss, metrics, optimizer,
            l1_linear=0., l2_linear=0.,
            l1_pair=0., l2_pair=0.,
            use_cin=True, num_cin_layer=2, num_cin_size=128,
            cin_activation='relu', split_half=True,
            l1_cin=0., l2_cin=0., cin_dropout=0.,
            l1_deep=0., l2_deep=0., use_deep=True,
            deep_dropout=0., deep_use_bn=False,
            num_deep_layer=2, num_neuron=128, deep_activation='relu', k=5):
    # input
    idx, val = Input(shape=[feature_number], dtype='float32'), Input(shape=[feature_number], dtype='float32')
    # linear
    linear = EmLinear(vocabulary_size, feature_number, name='em_l', l1=l1_linear, l2=l2_linear)([idx, val])

    # deep
    em = EM(vocabulary_size, feature_number, k=5, name='em', l1=l1_pair, l2=l2_pair)([idx, val])
    em = multiply(em)
    deep = ops.reshape(em, (-1, int(feature_number * k)))
    deep = DNNLayer(num_neuron=num_neuron, num_layer=num_deep_layer,
                    l1=l1_deep, l2=l2_deep, dropout=deep_dropout,
                    activation=deep_activation, bn=deep_use_bn, use_bias=False)(deep)
    # (CIN branch left out: use_cin=False)
    # concat & out
    out = linear   # (batch_size, 1)
    if use_deep:
        out = ops.concatenate([out, deep], axis=-1)  # (batch_size, +=layer[-1])
    out = Dense(1, use_bias=True, activation=activation, name='out')(out)
    # model
    model = Model(inputs=[idx, val], outputs=out)
    model.compile(loss=loss, metrics=metrics, optimizer=optimizer)
    return model


def build_model():
    return xdeepfm(20, 6, 'sigmoid', 'binary_crossentropy', ['accuracy'], 'adam',
                   use_cin=False, deep_dropout=0.1, deep_use_bn=True, num_neuron=8, k=5)
