"""mneflow's MEG/EEG LF-CNN layers set `self.scope` before `super().__init__()`, call `super().build()` before
`add_weight`, and wrap `call()` in `while True: try: ... except AttributeError: self.build(x.shape)`: all fine.

From zubara/mneflow (`mneflow/layers.py`, neural-network decoding of MEG/EEG with interpretable spatial
"de-mixing" and temporal "latent-factor" convolutions; `models.py` `LFCNN.build_graph()` wires them).
`BaseLayer(tf.keras.layers.Layer)` carries helpers `_set_regularizer()`/`_set_constraints()` that read
`self.scope` and `self.specs`; `FullyConnected(BaseLayer, tf.keras.layers.Layer)`, `DeMixing`, `LFTConv` and
`TempPooling` each assign `self.scope = scope` (and DeMixing `self.axis`) *before* calling
`super().__init__(size=..., nonlin=..., specs=..., **args)`. Each `build()` starts with `super().build(input_shape)`
(which marks the layer built) and then makes its weights with `add_weight`. Each `call()` is a
`while True:` loop that tries the forward pass and, on `AttributeError` (weights missing), calls `self.build()`
itself, a pattern that looks like weights created in `call()` (LD002). Why it is fine on Keras 3: a plain string
attribute set before the base initializer is neither a setting that the base class resets nor a tracked
sublayer (LD013 concerns `trainable`/`name`/sublayers); `super().build()` before `add_weight` loses nothing; and
Keras runs `build()` before the first `call()`, so the `except AttributeError` branch never runs and no weight
is created during a call. All six weights train.

Porting edits: none to the layers. `LFCNN` (a mneflow `BaseModel` holding the layers and a Keras functional
graph) is reduced to its `build_graph()` between an `Input` of shape (1, n_t, n_ch) = (1, 64, 10) and the
`Model`; the specs are LFCNN's defaults (`meta.model_specs.setdefault(...)`) with n_latent 8 instead of 32.
`build()` prints one "Built: ..." line per layer, as in the repo.
"""

SOURCE = "https://github.com/zubara/mneflow/blob/92ee4f85c27427c869116ab6a1c9693b5da8089e/mneflow/layers.py"
CODES = ()
CORRECT = True
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okat_mneflow_lfcnn_scope_before_super_init_call_rebuilds_on_attributeerror.py:
Built: dmx input: (None, 1, 64, 10)
Built: tconv input: (None, 1, 64, 8)
Setting reg for fc, to l1
Built: fc input: (None, 1, 32, 8)
as returned: Functional, count_params() = 923, 6 weights, unbuilt: none
after call: count_params() = 923, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'de_mixing': 88, 'lft_conv': 64, 'temp_pooling': 0, 'fully_connected': 771}
second call: 0 variables watched that the first call did not use
(each build() ran once, while the functional graph was made; the except-AttributeError rebuild never ran.)"""

import tensorflow as tf

from tensorflow.keras.initializers import Constant
from tensorflow.keras.activations import relu
from tensorflow.keras import constraints as k_con, regularizers as k_reg, saving
from tensorflow.keras import layers
from tensorflow.keras.layers import Dropout
import numpy as np

bias_const = 0.1
bias_traiable = True


class BaseLayer(tf.keras.layers.Layer):
    def __init__(self, size, nonlin, specs, **args):
        super(BaseLayer, self).__init__(**args)
        self.size = size
        self.nonlin = nonlin
        self.specs = specs

    def _set_regularizer(self):
        if self.scope in self.specs['l1_scope'] or 'weights' in self.specs['l1_scope']:
            reg = k_reg.l1(self.specs['l1_lambda'])
            print('Setting reg for {}, to l1'.format(self.scope))
        elif self.scope in self.specs['l2_scope'] or 'weights' in self.specs['l2_scope']:
            reg = k_reg.l2(self.specs['l2_lambda'])
            print('Setting reg for {}, to l2'.format(self.scope))
        else:
            reg = None
        return reg

    def _set_constraints(self, axis=0):
        if self.scope in self.specs['unitnorm_scope']:
            constr = k_con.UnitNorm(axis=axis)
            print('Setting constraint for {}, to UnitNorm'.format(self.scope))
        else:
            constr = None
        return constr


class FullyConnected(BaseLayer, tf.keras.layers.Layer):
    """
    Fully-connected layer
    """
    def __init__(self, scope='fc', size=None, nonlin=tf.identity, specs={},
                 **args):
        self.scope = scope
        super(FullyConnected, self).__init__(size=size, nonlin=nonlin, specs=specs,
             **args)
        self.constraint = self._set_constraints()
        self.reg = self._set_regularizer()

    def build(self, input_shape):
        super(FullyConnected, self).build(input_shape)
        self.flatsize = np.prod(input_shape[1:])

        self.w = self.add_weight(shape=[self.flatsize, self.size],
                                 initializer='he_uniform',
                                 regularizer=self.reg,
                                 constraint=self.constraint,
                                 trainable=True,
                                 name='fc_weights',
                                 dtype=tf.float32)

        self.b = self.add_weight(shape=[self.size],
                                 initializer=Constant(bias_const),
                                 regularizer=None,
                                 trainable=bias_traiable,
                                 name='fc_bias',
                                 dtype=tf.float32)

        print("Built: {} input: {}".format(self.scope, input_shape))

    def call(self, x, training=None):
        """
        FullyConnected layer currying, to apply layer to any input tensor `x`
        """
        while True:
            with tf.name_scope(self.scope):
                if len(x.shape) > 2:  # flatten if input is not 2d array
                    x = tf.reshape(x, [-1, self.flatsize])
                tmp = tf.matmul(x, self.w) + self.b
                tmp = self.nonlin(tmp, name='out')
                return tmp


class DeMixing(BaseLayer):
    """
    Spatial demixing Layer
    """

    def __init__(self, scope="dmx", size=None, nonlin=tf.identity, axis=-1,
                 specs={},  **args):
        self.scope = scope
        self.axis = axis
        super(DeMixing, self).__init__(size=size, nonlin=nonlin, specs=specs,
             **args)

    def build(self, input_shape):

        super(DeMixing, self).build(input_shape)
        self.constraint = self._set_constraints(axis=0)
        self.reg = self._set_regularizer()

        self.w = self.add_weight(
                shape=(input_shape[self.axis], self.size),
                initializer='he_uniform',
                regularizer=self.reg,
                constraint = self.constraint,
                trainable=True,
                name='dmx_weights',
                dtype=tf.float32)

        self.b_in = self.add_weight(shape=([self.size]),
                                    initializer=Constant(bias_const),
                                    regularizer=None,
                                    trainable=bias_traiable,
                                    name='bias',
                                    dtype=tf.float32)
        print("Built: {} input: {}".format(self.scope, input_shape))

    def call(self, x, training=None):
        """
        """
        while True:
            with tf.name_scope(self.scope):
                try:
                    demix = tf.tensordot(x, self.w, axes=[[self.axis], [0]],
                                         name='dmx')
                    demix = self.nonlin(demix + self.b_in)
                    return demix
                except(AttributeError):
                    input_shape = x.shape
                    self.build(input_shape)


class LFTConv(BaseLayer):
    """
    Stackable temporal convolutional layer, interpreatble (LF)
    """

    def __init__(self, scope='tconv', size=32,  nonlin=tf.nn.relu,
                 filter_length=7, pooling=2, padding='SAME', specs={},
                 **args):
        self.scope = scope
        super(LFTConv, self).__init__(size=size, nonlin=nonlin, specs=specs,
             **args)
        self.size = size
        self.filter_length = filter_length
        self.padding = padding

    def build(self, input_shape):
        super(LFTConv, self).build(input_shape)
        self.constraint = self._set_constraints(axis=1)
        self.reg = self._set_regularizer()
        shape = [1, self.filter_length, input_shape[-1], 1]
        self.filters = self.add_weight(shape=shape,
                                       initializer='he_uniform',
                                       regularizer=self.reg,
                                       constraint=self.constraint,
                                       trainable=True,
                                       name='tconv_weights',
                                       dtype=tf.float32)

        self.b = self.add_weight(shape=([input_shape[-1]]),
                                 initializer=Constant(bias_const),
                                 regularizer=None,
                                 trainable=bias_traiable,
                                 name='bias',
                                 dtype=tf.float32)
        print("Built: {} input: {}".format(self.scope, input_shape))

    def call(self, x, training=None):
        """
        """
        while True:
            with tf.name_scope(self.scope):
                try:
                    conv = tf.nn.depthwise_conv2d(x,
                                                  self.filters,
                                                  padding=self.padding,
                                                  strides=[1, 1, 1, 1],
                                                  data_format='NHWC')
                    conv = self.nonlin(conv + self.b)
                    return conv
                except(AttributeError):
                    input_shape = x.shape
                    self.build(input_shape)


class TempPooling(BaseLayer):
    def __init__(self, scope='pool', stride=2, pooling=2, specs={},
                 padding='SAME', pool_type='max', **args):
        self.scope = '_'.join([pool_type, scope])
        super(TempPooling, self).__init__(size=None, nonlin=None, specs=specs,
                                          **args)
        self.strides = [1, 1, stride,  1]
        self.kernel = [1, 1, pooling,  1]

        self.padding = padding
        self.pool_type = pool_type

    def call(self, x):
        """
        """
        if self.pool_type == 'avg':
            pooled = tf.nn.avg_pool2d(
                                x,
                                ksize=self.kernel,
                                strides=self.strides,
                                padding=self.padding,
                                data_format='NHWC')
        else:
            pooled = tf.nn.max_pool2d(
                                x,
                                ksize=self.kernel,
                                strides=self.strides,
                                padding=self.padding,
                                data_format='NHWC')
        return pooled

    def build(self, input_shape):
        super(TempPooling, self).build(input_shape)
        self.built = True


N_T, N_CH, OUT_DIM = 64, 10, 3


def _specs():
    return dict(filter_length=7, n_latent=8, pooling=2, stride=2, padding='SAME', pool_type='max',
                nonlin=tf.nn.relu, l1_lambda=3e-4, l2_lambda=0., l1_scope=['fc', 'demix', 'lf_conv'],
                l2_scope=[], unitnorm_scope=[], dropout=0.5)


def build_model():
    specs = _specs()
    inputs = layers.Input(shape=(1, N_T, N_CH))
    # LFCNN.build_graph()
    dmx = DeMixing(size=specs['n_latent'], nonlin=tf.identity,
                   axis=3, specs=specs)
    dmx_out = dmx(inputs)

    tconv = LFTConv(size=specs['n_latent'],
                    nonlin=specs['nonlin'],
                    filter_length=specs['filter_length'],
                    padding=specs['padding'],
                    specs=specs
                    )
    tconv_out = tconv(dmx_out)

    pool = TempPooling(pooling=specs['pooling'],
                       pool_type=specs['pool_type'],
                       stride=specs['stride'],
                       padding='SAME',
                       )
    pooled = pool(tconv_out)

    dropout = Dropout(specs['dropout'],
                      noise_shape=None)(pooled)

    fin_fc = FullyConnected(size=OUT_DIM, nonlin=tf.identity,
                            specs=specs)

    y_pred = fin_fc(dropout)
    model = tf.keras.Model(inputs=inputs, outputs=y_pred)
    x = np.random.default_rng(0).standard_normal((4, 1, N_T, N_CH)).astype("float32")
    return model, x
