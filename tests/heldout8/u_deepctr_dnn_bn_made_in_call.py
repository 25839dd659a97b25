"""DeepCTR's DNN layer keeps its kernels in lists, but creates BatchNormalization and Dropout inside call().

The DNN block (used by DeepFM, WDL, DIN, ...) builds `kernels`/`bias` lists with add_weight in
build() and, per hidden layer in call(), runs `tf.keras.layers.BatchNormalization()(fc, training=...)`
and `tf.keras.layers.Dropout(...)(fc, ...)`. With `dnn_use_bn=True` every call makes fresh
BatchNormalization layers: their gamma/beta and moving statistics are not attributes of the DNN,
so they are not in the model's weights, are re-initialised on each call, never trained, never
saved, and the moving averages learned in training are never used at inference.
"""

SOURCE = "https://github.com/shenweichen/DeepCTR/blob/0042ebe666755d9b7bd7d733ff1cb1ab28e19921/deepctr/layers/core.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py u_deepctr_dnn_bn_made_in_call.py:
as returned: Functional, count_params() = 841, 7 weights, unbuilt: none
after call: count_params() = 841, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 4 variables the model does not track: ['functional/dnn/batch_normalization/gamma:0', 'functional/dnn/batch_normalization/beta:0', 'functional/dnn/batch_normalization_1/gamma:0', 'functional/dnn/batch_normalization_1/beta:0']
params of the case's own layers: {'dnn': 816, 'prediction_layer': 1}
second call: 4 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.initializers import Zeros, glorot_normal
from tensorflow.keras.layers import Layer
from tensorflow.keras.regularizers import l2


# --- deepctr/layers/activation.py -----------------------------------------------------------
def activation_fun(activation, fc):
    if isinstance(activation, str):
        fc = tf.keras.layers.Activation(activation)(fc)
    elif issubclass(activation, Layer):
        fc = activation()(fc)
    else:
        raise ValueError(
            "Invalid activation,found %s.You should use a str or a Activation Layer Class." % (activation))
    return fc


# --- deepctr/layers/core.py -----------------------------------------------------------------
class DNN(Layer):
    """The Multi Layer Percetron

      Input shape
        - nD tensor with shape: ``(batch_size, ..., input_dim)``.

      Output shape
        - nD tensor with shape: ``(batch_size, ..., hidden_size[-1])``.
    """

    def __init__(self, hidden_units, activation='relu', l2_reg=0, dropout_rate=0, use_bn=False, seed=1024, **kwargs):
        self.hidden_units = hidden_units
        self.activation = activation
        self.dropout_rate = dropout_rate
        self.seed = seed
        self.l2_reg = l2_reg
        self.use_bn = use_bn
        super(DNN, self).__init__(**kwargs)

    def build(self, input_shape):
        input_size = input_shape[-1]
        hidden_units = [int(input_size)] + list(self.hidden_units)
        self.kernels = [self.add_weight(name='kernel' + str(i),
                                        shape=(
                                            hidden_units[i], hidden_units[i + 1]),
                                        initializer=glorot_normal(
                                            seed=self.seed),
                                        regularizer=l2(self.l2_reg),
                                        trainable=True) for i in range(len(self.hidden_units))]
        self.bias = [self.add_weight(name='bias' + str(i),
                                     shape=(self.hidden_units[i],),
                                     initializer=Zeros(),
                                     trainable=True) for i in range(len(self.hidden_units))]

        super(DNN, self).build(input_shape)  # Be sure to call this somewhere!

    def call(self, inputs, training=None, **kwargs):

        deep_input = inputs

        for i in range(len(self.hidden_units)):
            fc = tf.nn.bias_add(tf.tensordot(
                deep_input, self.kernels[i], axes=(-1, 0)), self.bias[i])
            # fc = Dense(self.hidden_size[i], activation=None, \
            #           kernel_initializer=glorot_normal(seed=self.seed), \
            #           kernel_regularizer=l2(self.l2_reg))(deep_input)
            if self.use_bn:
                fc = tf.keras.layers.BatchNormalization()(fc, training=training)
            fc = activation_fun(self.activation, fc)

            fc = tf.keras.layers.Dropout(self.dropout_rate, seed=self.seed)(fc, training=training)
            deep_input = fc

        return deep_input

    def compute_output_shape(self, input_shape):
        if len(self.hidden_units) > 0:
            shape = input_shape[:-1] + (self.hidden_units[-1],)
        else:
            shape = input_shape
        return tuple(shape)

    def get_config(self, ):
        config = {'activation': self.activation, 'hidden_units': self.hidden_units,
                  'l2_reg': self.l2_reg, 'use_bn': self.use_bn, 'dropout_rate': self.dropout_rate, 'seed': self.seed}
        base_config = super(DNN, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class PredictionLayer(Layer):
    def __init__(self, task='binary', use_bias=True, **kwargs):
        if task not in ["binary", "regression"]:
            raise ValueError("task must be binary or regression")
        self.task = task
        self.use_bias = use_bias
        super(PredictionLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        if self.use_bias:
            self.global_bias = self.add_weight(
                shape=(1,), initializer=Zeros(), name="global_bias")
        super(PredictionLayer, self).build(input_shape)

    def call(self, inputs, **kwargs):
        x = inputs
        if self.use_bias:
            x = tf.nn.bias_add(x, self.global_bias, data_format='NHWC')
        if self.task == "binary":
            x = tf.sigmoid(x)
        output = tf.reshape(x, (-1, 1))
        return output

    def get_config(self, ):
        config = {'task': self.task, 'use_bias': self.use_bias}
        base_config = super(PredictionLayer, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


# --- deepctr/models/wdl.py (shape of) -------------------------------------------------------
def WDL(dense_dim=8, dnn_hidden_units=(32, 16), dnn_use_bn=True, dnn_dropout=0.1, task='binary'):
    dnn_input = tf.keras.Input(shape=(dense_dim,), name="dense_features")
    linear_logit = tf.keras.layers.Dense(1, use_bias=False, name="linear")(dnn_input)
    dnn_out = DNN(dnn_hidden_units, 'relu', 0, dnn_dropout, dnn_use_bn, seed=1024)(dnn_input)
    dnn_logit = tf.keras.layers.Dense(1, use_bias=False)(dnn_out)
    final_logit = tf.keras.layers.Add()([linear_logit, dnn_logit])
    output = PredictionLayer(task)(final_logit)
    return tf.keras.models.Model(inputs=dnn_input, outputs=output)


def build_model():
    return WDL(dense_dim=8, dnn_hidden_units=(32, 16), dnn_use_bn=True)
