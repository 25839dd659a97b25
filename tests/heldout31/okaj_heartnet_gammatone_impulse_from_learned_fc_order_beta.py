"""heartnet's `Conv1D_gammatone`: a learnable gammatone filterbank front-end whose kernel is not a weight
at all -- every call rebuilds the impulse response from four physical parameters (centre frequency
`fc`, order `n`, amplitude `a`, bandwidth `beta`, all `add_weight` in `build()`) on a time grid `self.t`
that `__init__` stores as a `tf.range` tensor.

From AhmedImtiazPrio/heartnet (`codes/custom_layers.py`, heart-sound classification with learnable
front-end filterbanks). Looks like the "weight-like tensor stored on self in `__init__`" trap
(`self.t = tf.range(...)`, then `tf.expand_dims` on it) and the "kernel built in `call()`" trap
(`gammatone = self.impulse_gammatone()` feeds `K.conv1d`). On Keras 3 the time grid is a fixed sampling
grid (not meant to learn), the four physical parameters are tracked variables, and each gets a gradient
through `tf.pow` / `tf.exp` / `tf.cos`; `self.kernel_shape` is a plain tuple.

Porting edits: `keras.engine.topology.Layer/InputSpec` -> `keras.layers.Layer/InputSpec`;
`from keras import backend as K` -> `from tensorflow.keras import backend as K` (shim with `conv1d`,
`bias_add`, `floatx`); `keras.utils.conv_utils` (gone) replaced by a small inlined `conv_utils`;
`initializers.constant` -> `initializers.Constant`; `get_config` dropped; only this class kept from the
file; sizes trimmed (2 filters of 16 taps at fsHz=1000 on 64-sample mono input). `build_model()` wires
it as heartnet's front-end (gammatone filterbank, then a small Conv1D/Dense head).
"""

SOURCE = "https://github.com/AhmedImtiazPrio/heartnet/blob/0c2b4ea9a52304db668a10fc93ab58a19f975562/codes/custom_layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okaj_heartnet_gammatone_impulse_from_learned_fc_order_beta.py:
as returned: Functional, count_params() = 567, 9 weights, unbuilt: none
after call: count_params() = 567, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv1d_gammatone': 9}
second call: 0 variables watched that the first call did not use
Own probes: /tmp/mine31d/p_gt.py -- fc, n, a, beta and bias all get finite non-zero gradients (max |g|
2.7e-05, 3.9e-03, 4.9e-09, 3.8e-05, 1.3e-02; tiny for fc/a/beta because of the physical scales,
amp = 1e5, beta ~ 30: a conditioning matter, not tracking); /tmp/mine31d/p_fit.py (SGD(0.1), one step):
fit ok, n and bias move visibly, fc/a/beta move below allclose tolerance. The 9 params are fc (2),
n (1), a (2), beta (2), bias (2); self.t is a fixed (16, 1) time grid."""

import numpy as np
import tensorflow as tf
import keras
from tensorflow.keras import backend as K
from keras.layers import Layer, InputSpec
from keras import activations, initializers


class conv_utils:
    @staticmethod
    def normalize_tuple(value, n, name):
        if isinstance(value, int):
            return (value,) * n
        return tuple(value)

    @staticmethod
    def normalize_padding(value):
        return value.lower()

    @staticmethod
    def normalize_data_format(value):
        return value or 'channels_last'

    @staticmethod
    def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
        if input_length is None:
            return None
        dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
        if padding == 'same':
            output_length = input_length
        else:
            output_length = input_length - dilated_filter_size + 1
        return (output_length + stride - 1) // stride


class Conv1D_gammatone(Layer):

    def __init__(self, filters=1, kernel_size=80, rank=1, strides=1, padding='valid',
                 data_format='channels_last', dilation_rate=1, activation=None, use_bias=True,
                 fsHz=1000.,
                 fc_initializer=initializers.RandomUniform(minval=10, maxval=400),
                 n_order_initializer=initializers.Constant(4.),
                 amp_initializer=initializers.Constant(10 ** 5),
                 beta_initializer=initializers.RandomNormal(mean=30, stddev=6),
                 bias_initializer='zeros',
                 **kwargs):
        super(Conv1D_gammatone, self).__init__(**kwargs)
        self.rank = rank
        self.filters = filters
        self.kernel_size_ = kernel_size
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, rank, 'kernel_size')
        self.strides = conv_utils.normalize_tuple(strides, rank, 'strides')
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.dilation_rate = conv_utils.normalize_tuple(dilation_rate, rank, 'dilation_rate')
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.bias_initializer = initializers.get(bias_initializer)
        self.fc_initializer = initializers.get(fc_initializer)
        self.n_order_initializer = initializers.get(n_order_initializer)
        self.amp_initializer = initializers.get(amp_initializer)
        self.beta_initializer = initializers.get(beta_initializer)
        self.input_spec = InputSpec(ndim=self.rank + 2)

        self.fsHz = fsHz
        self.t = tf.range(start=0, limit=kernel_size / float(fsHz),
                          delta=1 / float(fsHz), dtype=K.floatx())
        self.t = tf.expand_dims(input=self.t, axis=-1)

    def build(self, input_shape):
        if self.data_format == 'channels_first':
            channel_axis = 1
        else:
            channel_axis = -1
        if input_shape[channel_axis] is None:
            raise ValueError('The channel dimension of the inputs '
                             'should be defined. Found `None`.')
        input_dim = input_shape[channel_axis]
        self.kernel_shape = self.kernel_size + (input_dim, self.filters)

        ## Add learnable parameters
        self.fc = self.add_weight(shape=(self.filters, 1),
                                  initializer=self.fc_initializer,
                                  name='fc')
        self.n_order = self.add_weight(shape=(1, 1),
                                       initializer=self.n_order_initializer,
                                       name='n')
        self.amp = self.add_weight(shape=(self.filters, 1),
                                   initializer=self.amp_initializer,
                                   name='a')
        self.beta = self.add_weight(shape=(self.filters, 1),
                                    initializer=self.beta_initializer,
                                    name='beta')
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.filters,),
                                        initializer=self.bias_initializer,
                                        name='bias')
        else:
            self.bias = None

        # Set input spec.
        self.input_spec = InputSpec(ndim=self.rank + 2,
                                    axes={channel_axis: input_dim})
        self.built = True

    def call(self, inputs):

        # Get gammatone impulse response

        gammatone = self.impulse_gammatone()
        gammatone = tf.expand_dims(gammatone, axis=-2)  ## Considering single input channel

        if self.kernel_shape[1] > 1:
            raise ValueError('Number of channels for input to gammatone layer'
                             'should be 1.')

        outputs = K.conv1d(
            inputs,
            gammatone,
            strides=self.strides[0],
            padding='same',
            data_format=self.data_format,
            dilation_rate=self.dilation_rate[0])

        if self.use_bias:
            outputs = K.bias_add(
                outputs,
                self.bias,
                data_format=self.data_format)

        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        if self.data_format == 'channels_last':
            space = input_shape[1:-1]
            new_space = []
            for i in range(len(space)):
                new_dim = conv_utils.conv_output_length(
                    space[i],
                    self.kernel_size[i],
                    padding=self.padding,
                    stride=self.strides[i],
                    dilation=self.dilation_rate[i])
                new_space.append(new_dim)
            return (input_shape[0],) + tuple(new_space) + (self.filters,)
        if self.data_format == 'channels_first':
            space = input_shape[2:]
            new_space = []
            for i in range(len(space)):
                new_dim = conv_utils.conv_output_length(
                    space[i],
                    self.kernel_size[i],
                    padding=self.padding,
                    stride=self.strides[i],
                    dilation=self.dilation_rate[i])
                new_space.append(new_dim)
            return (input_shape[0], self.filters) + tuple(new_space)

    def impulse_gammatone(self):

        gammatone = tf.multiply(tf.multiply(
            tf.matmul(self.amp, tf.pow(x=self.t, y=self.n_order - 1),
                      transpose_b=True),
            tf.exp(tf.multiply(-2 * np.pi, tf.matmul(self.beta, self.t,
                                                     transpose_b=True)))),
            tf.cos(tf.multiply(2 * np.pi, tf.matmul(self.fc, self.t,
                                                    transpose_b=True))))
        gammatone = tf.transpose(gammatone)
        return gammatone


def build_model():
    inputs = keras.Input(shape=(64, 1))
    x = Conv1D_gammatone(filters=2, kernel_size=16, fsHz=1000., padding='same')(inputs)
    x = keras.layers.Conv1D(4, 5, padding='same', activation='relu')(x)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
