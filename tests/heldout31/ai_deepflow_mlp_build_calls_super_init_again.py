"""A CTR-model toolkit's `Mlp` layer (the deep tower of its DNN / DeepFM / WDL models) whose `build()`
creates its kernels and biases with `add_weight` and then ends with
`super(Mlp, self).__init__(input_shape)` -- the base-class constructor called a second time, after
the layer's state exists, where `super().build(input_shape)` was meant.

From nnnnwang/deepflow (`layers/core.py`, used by `model/basemodel.py::_get_mlp_out` for every model
of the repository). Re-running `Layer.__init__` from `build()` means the layer's settings and
trackers are re-initialised after the weights were created (on tf.keras 2, where `__init__`'s first
positional parameter is `trainable`, it silently re-created the weight lists and passed the shape as
`trainable`). On Keras 3 `Layer.__init__` takes keyword arguments only, so the first call of the
tower raises a TypeError while the functional DNN is wired.

Porting edits: `add_weight('kernel_' + str(index), shape=...)` / `add_weight('bias_'+str(index), ...)`
-> `add_weight(name=..., shape=...)` (Keras 3 rejects a positional name before reaching the bug);
`get_initializer` copied from `layers/init_fn.py` (only the branches used); the unused
`tensorflow.python.ops` imports and the `Gate` sub-layer (only for `use_gate=True`) dropped;
`build_model()` wires `DNN.build()`'s graph by hand: two sparse ids through an `Embedding(10, 4)`,
flattened and concatenated with three dense features, the `Mlp(units=[8, 8], activation='relu',
kernel_initializer='he_normal')` of `_get_mlp_out`, then `Dense(1)` and a sigmoid.
"""

SOURCE = "https://github.com/nnnnwang/deepflow/blob/c84da1674f584f3d2669d356b834410d7adc278e/layers/core.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ai_deepflow_mlp_build_calls_super_init_again.py:
build_model() raised TypeError: Layer.__init__() takes 1 positional argument but 2 were given
Traceback (same call, run by hand): raised at `super(Mlp, self).__init__(input_shape)` in `Mlp.build`,
reached from `Mlp(...)(dnn_in)` while the functional DNN is wired, after the two kernels and two
biases were already added. (tf.keras 2 behaviour not measured here: no tf-keras in the runtime.)"""

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer, Dropout, BatchNormalization
from tensorflow.keras import activations
from tensorflow.keras import initializers
from tensorflow.keras import regularizers
from tensorflow.keras.initializers import glorot_normal, he_normal, TruncatedNormal, Zeros


def get_initializer(init_name='truncate_norm', init_stddev=0.05, seed=1024):
    if init_name in ('truncate_norm', 'truncate_normal'):
        return TruncatedNormal(stddev=init_stddev, seed=seed)
    elif init_name in ('glorot_norm', 'glorot_normal', 'xavier_norm', 'xavier_normal'):
        return glorot_normal(seed=seed)
    elif init_name in ('he_norm', 'he_normal'):
        return he_normal(seed)
    elif init_name in ('zero', 'zeros'):
        return Zeros()
    else:
        raise ValueError('not support {} initializer'.format(init_name))


class Mlp(Layer):

    def __init__(self,
                 units,
                 dropout_list:list = None,
                 activation=None,
                 kernel_initializer='glorot_norm',
                 bias_initializers='zeros',
                 l2_reg_list=None,
                 use_bn=False,
                 use_gate=False,
                 **kwargs):

        self.units = list(map(int, units))
        self.dropout_list = dropout_list
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(get_initializer(kernel_initializer))
        self.bias_initializer = initializers.get(bias_initializers)
        self.l2_reg_list = l2_reg_list
        self.use_bn = use_bn
        self.use_gate = use_gate

        super(Mlp, self).__init__(**kwargs)

    def build(self, input_shape):

        if not isinstance(self.units, list):
            raise TypeError('units must be list type')

        if self.dropout_list is not None:
            if not isinstance(self.dropout_list, list):
                raise TypeError('dropout_list must be list type but got {}'.format(type(self.dropout_list)))

            if len(self.dropout_list) != len(self.units):
                raise ValueError('the length of dropout_list must be equal to the length of units')

        last_dim = int(input_shape[-1])
        all_units = [last_dim] + self.units

        self.kernel = [
            self.add_weight(
                name='kernel_' + str(index),
                shape=[all_units[index], all_units[index+1]],
                initializer=self.kernel_initializer,
                regularizer=regularizers.l2(0.0) if self.l2_reg_list is None else regularizers.l2(self.l2_reg_list[index]),
                dtype=K.floatx(),
                trainable=True)
            for index in range(len(all_units) - 1)
        ]

        if not self.use_bn:
            self.bias = [
                self.add_weight(
                    name='bias_'+str(index),
                    shape=[all_units[index+1],],
                    initializer=self.bias_initializer,
                    dtype=K.floatx(),
                    trainable=True
                ) for index in range(len(all_units) - 1)
            ]
        else:
            self.bn = [
                BatchNormalization()
                for _ in range(len(all_units))
            ]
        if self.dropout_list is not None:
            self.dropout = [
                Dropout(self.dropout_list[index])
                for index in range(len(self.dropout_list))
            ]
        super(Mlp, self).__init__(input_shape)

    def call(self, inputs, training=None, **kwargs):

        input = inputs

        for index in range(len(self.units)):
            if self.dropout_list is not None:
                output = self.dropout[index](input, training=training)
            else:
                output = input
            output = tf.matmul(output, self.kernel[index])
            if not self.use_bn:
                output = tf.nn.bias_add(output, self.bias[index])
            if self.use_bn:
                output = self.bn[index](output, training=training)
            if self.activation is not None:
                output = self.activation(output)

            input = output
        return output

    def get_config(self):

        config = {
            'units': self.units,
            'activation': self.activation,
            'l2_reg_list': self.l2_reg_list,
            'dropout_list': self.dropout_list,
            'use_bn': self.use_bn,
            'use_gate': self.use_gate
        }
        base_config = super(Mlp, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    sparse_ids = tf.keras.Input(shape=(2,), dtype="int32", name="sparse_ids")
    dense_feats = tf.keras.Input(shape=(3,), name="dense_feats")
    embedding_out = tf.keras.layers.Embedding(10, 4)(sparse_ids)
    dnn_in = tf.keras.layers.Flatten()(embedding_out)
    dnn_in = tf.keras.layers.Concatenate()([dnn_in, dense_feats])
    deep_dnn_out = Mlp(units=[8, 8], dropout_list=None, activation='relu', l2_reg_list=None,
                       use_bn=False, kernel_initializer='he_normal')(dnn_in)
    dnn_logit = tf.keras.layers.Dense(1)(deep_dnn_out)
    y_hat = tf.keras.layers.Activation('sigmoid')(dnn_logit)
    return tf.keras.Model(inputs=[sparse_ids, dense_feats], outputs=[y_hat], name='dnn')
