"""A CycleGAN generator whose `InstanceNorm` wrapper layer builds the real normalization layer inside
its `call()` -- `x = tfa.layers.normalizations.InstanceNormalization(..., scale=True, center=True)(x)`
-- so every forward pass creates fresh gamma/beta variables that the generator does not track and
the optimizer never sees.

From taki0112/Tensorflow2-Cookbook (`example_cyclegan/sequential/ops_seq_cyclegan.py` with
`networks.py`): `Generator(tf.keras.Model)` holds an `Encoder`, a `Bottleneck` of `ResBlock`s and a
`Decoder`, each a `Layer` that builds a `Sequential` from a helper `architecture()` list of `Conv`,
`InstanceNorm`, `Relu()`/`Tanh()` pieces. The `Conv`/`Deconv` kernels are tracked and trained; every
`InstanceNorm` (after each conv, two per residual block) contributes no weights to the generator, and
new, untracked scale/offset variables appear on every call.

Porting edits: `tensorflow_addons` is not available for Keras 3, so
`tfa.layers.normalizations.InstanceNormalization(epsilon, scale=True, center=True, name=...)` ->
`keras.layers.GroupNormalization(groups=-1, epsilon, scale=True, center=True, name=...)` (Keras 3's
instance norm), still built inside `InstanceNorm.call()`; `tf.keras` -> `keras` for the classes (ops
stay `tf.*`); `Leaky_Relu(alpha=)` -> `negative_slope=`; the `Relu()`/`Tanh()` helpers get a counter
suffix on their fixed names ('relu', 'tanh') because Keras 3 refuses duplicate layer names inside one
`Sequential`; the spectral-norm wrapper, losses and the `Discriminator` dropped (not used by the
generator); `build_summary`/`count_parameter` dropped; channels 64 -> 2, 1 residual block, 8x8x3
images; `build_model()` returns `(Generator(2, 1, name='G_A'), batch)`.
"""

SOURCE = "https://github.com/taki0112/Tensorflow2-Cookbook/blob/63e27f56a6fcfdf089dbb8e7ece91efd0b88ab4c/example_cyclegan/sequential/ops_seq_cyclegan.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/ac_tf2cookbook_cyclegan_instancenorm_layer_made_in_call.py:
as returned: Generator, count_params() = count_params() raised ValueError, 0 weights, unbuilt: [every sublayer: Encoder, Sequential, InstanceNorm/Conv/Conv2D ... Deconv/Conv2DTranspose]
after call: count_params() = 2460, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 14 variables the model does not track: ['G_A/g_encoder/sequential/ins_norm/ins_norm/gamma:0', 'G_A/g_encoder/sequential/ins_norm/ins_norm/beta:0', 'G_A/g_encoder/sequential/down_ins_norm_0/down_ins_norm_0/gamma:0', 'G_A/g_encoder/sequential/down_ins_norm_0/down_ins_norm_0/beta:0', 'G_A/g_encoder/sequential/down_ins_norm_1/down_ins_norm_1/gamma:0', 'G_A/g_encoder/sequential/down_ins_norm_1/down_ins_norm_1/beta:0']
params of the case's own layers: {'g_encoder': 654, 'down_ins_norm_1': 0, 'down_conv_1': 288, 'down_ins_norm_0': 0, 'down_conv_0': 72, 'ins_norm': 0, 'conv': 294, 'g_bottleneck': 1152, 'resblock_0': 1152, 'ins_norm_1': 0, 'conv_1': 576, 'ins_norm_0': 0, 'conv_0': 576, 'g_decoder': 654, 'g_logit': 294, 'up_ins_norm_1': 0, 'deconv_1': 72, 'up_ins_norm_0': 0, 'deconv_0': 288}
second call: 14 variables watched that the first call did not use
(8 trainable = the 8 conv/deconv kernels; the 7 InstanceNorm layers hold 0 params and each call
creates 7 new gamma/beta pairs = 14 untracked variables, a different set on every call.)"""

import itertools

import numpy as np
import tensorflow as tf
import keras
from keras import Sequential

weight_initializer = keras.initializers.RandomNormal(mean=0.0, stddev=0.02)
weight_regularizer = keras.regularizers.l2(0.0001)

_uid = itertools.count()


##################################################################################
# Layers
##################################################################################

# padding='SAME' ======> pad = floor[ (kernel - stride) / 2 ]
class Conv(keras.layers.Layer):
    def __init__(self, channels, kernel=3, stride=1, pad=0, pad_type='zero', use_bias=True, sn=False, name='Conv'):
        super(Conv, self).__init__(name=name)
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.pad = pad
        self.pad_type = pad_type
        self.use_bias = use_bias
        self.sn = sn

        self.conv = keras.layers.Conv2D(filters=self.channels, kernel_size=self.kernel,
                                        kernel_initializer=weight_initializer, kernel_regularizer=weight_regularizer,
                                        strides=self.stride, use_bias=self.use_bias, name=self.name)

    def call(self, x, training=None, mask=None):
        if self.pad > 0:
            h = x.shape[1]
            if h % self.stride == 0:
                pad = self.pad * 2
            else:
                pad = max(self.kernel - (h % self.stride), 0)

            pad_top = pad // 2
            pad_bottom = pad - pad_top
            pad_left = pad // 2
            pad_right = pad - pad_left

            if self.pad_type == 'reflect':
                x = tf.pad(x, [[0, 0], [pad_top, pad_bottom], [pad_left, pad_right], [0, 0]], mode='REFLECT')
            else:
                x = tf.pad(x, [[0, 0], [pad_top, pad_bottom], [pad_left, pad_right], [0, 0]])

        x = self.conv(x)

        return x


class Deconv(keras.layers.Layer):
    def __init__(self, channels, kernel=3, stride=2, padding='SAME', use_bias=True, sn=False, name='Deconv'):
        super(Deconv, self).__init__(name=name)
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.use_bias = use_bias
        self.sn = sn

        self.deconv = keras.layers.Conv2DTranspose(filters=self.channels, kernel_size=self.kernel,
                                                   kernel_initializer=weight_initializer, kernel_regularizer=weight_regularizer,
                                                   strides=self.stride, padding=self.padding.lower(), use_bias=self.use_bias, name=self.name)

    def call(self, x, training=None, mask=None):
        x = self.deconv(x)

        return x


##################################################################################
# Blocks
##################################################################################

class ResBlock(keras.layers.Layer):
    def __init__(self, channels, use_bias=True, sn=False, name='ResBlock'):
        super(ResBlock, self).__init__(name=name)
        self.channels = channels
        self.use_bias = use_bias
        self.sn = sn

        self.conv_0 = Conv(self.channels, kernel=3, stride=1, pad=1, pad_type='reflect', use_bias=self.use_bias, sn=self.sn, name='conv_0')
        self.ins_norm_0 = InstanceNorm(name='ins_norm_0')

        self.conv_1 = Conv(self.channels, kernel=3, stride=1, pad=1, pad_type='reflect', use_bias=self.use_bias, sn=self.sn,  name='conv_1')
        self.ins_norm_1 = InstanceNorm(name='ins_norm_1')

    def call(self, x_init, training=None, mask=None):
        with tf.name_scope(self.name):
            with tf.name_scope('res1'):
                x = self.conv_0(x_init)
                x = self.ins_norm_0(x, training=training)
                x = Relu(x)

            with tf.name_scope('res2'):
                x = self.conv_1(x)
                x = self.ins_norm_1(x, training=training)

            return x + x_init


##################################################################################
# Normalization
##################################################################################

class InstanceNorm(keras.layers.Layer):
    def __init__(self, epsilon=1e-5, name='InstanceNorm'):
        super(InstanceNorm, self).__init__(name=name)
        self.epsilon = epsilon

    def call(self, x, training=None, mask=None):
        x = keras.layers.GroupNormalization(groups=-1, epsilon=self.epsilon, scale=True, center=True, name=self.name)(x)

        return x


##################################################################################
# Activation Function
##################################################################################

def Relu(x=None, name='relu'):
    if x is None:
        return keras.layers.Activation(keras.activations.relu, name=f"{name}_{next(_uid)}")

    else:
        return keras.layers.Activation(keras.activations.relu, name=f"{name}_{next(_uid)}")(x)


def Tanh(x=None, name='tanh'):
    if x is None:
        return keras.layers.Activation(keras.activations.tanh, name=f"{name}_{next(_uid)}")
    else:
        return keras.layers.Activation(keras.activations.tanh, name=f"{name}_{next(_uid)}")(x)


##################################################################################
# networks.py
##################################################################################

class Generator(keras.Model):
    def __init__(self, channels, n_res, name):
        super(Generator, self).__init__(name=name)
        self.channels = channels
        self.n_res = n_res

        self.encoder = Encoder(self.channels, name='g_encoder')
        self.bottleneck = Bottleneck(self.channels * 4, self.n_res, name='g_bottleneck')
        self.decoder = Decoder(self.channels * 4, name='g_decoder')

    def call(self, inputs, training=None, mask=None):

        x = self.encoder(inputs, training=training)
        x = self.bottleneck(x, training=training)
        x = self.decoder(x, training=training)

        return x


class Encoder(keras.layers.Layer):
    def __init__(self, channels, name):
        super(Encoder, self).__init__(name=name)
        self.channels = channels

        self.model = self.architecture()

    def architecture(self):
        model = []

        model += [Conv(self.channels, kernel=7, stride=1, pad=3, pad_type='reflect', use_bias=False, name='conv')]
        model += [InstanceNorm(name='ins_norm')]
        model += [Relu()]

        for i in range(2):
            model += [Conv(self.channels * 2, kernel=3, stride=2, pad=1, pad_type='reflect', use_bias=False, name='down_conv_' + str(i))]
            model += [InstanceNorm(name='down_ins_norm_' + str(i))]
            model += [Relu()]

            self.channels = self.channels * 2

        model = Sequential(model)

        return model

    def call(self, x_init, training=None, mask=None):
        x = self.model(x_init, training=training)

        return x


class Bottleneck(keras.layers.Layer):
    def __init__(self, channels, n_res, name):
        super(Bottleneck, self).__init__(name=name)
        self.channels = channels
        self.n_res = n_res

        self.model = self.architecture()

    def architecture(self):
        model = []

        for i in range(self.n_res):
            model += [ResBlock(self.channels, use_bias=False, name='resblock_' + str(i))]

        model = Sequential(model)

        return model

    def call(self, x_init, training=None, mask=None):
        x = self.model(x_init, training=training)

        return x


class Decoder(keras.layers.Layer):
    def __init__(self, channels, name):
        super(Decoder, self).__init__(name=name)
        self.channels = channels

        self.model = self.architecture()

    def architecture(self):
        model = []
        for i in range(2):
            model += [Deconv(self.channels // 2, kernel=3, stride=2, use_bias=False, name='deconv_' + str(i))]
            model += [InstanceNorm(name='up_ins_norm_' + str(i))]
            model += [Relu()]

            self.channels = self.channels // 2

        model += [Conv(channels=3, kernel=7, stride=1, pad=3, pad_type='reflect', use_bias=False, name='g_logit')]
        model += [Tanh()]

        model = Sequential(model)

        return model

    def call(self, x_init, training=None, mask=None):
        x = self.model(x_init, training=training)

        return x


def build_model():
    generator = Generator(2, 1, name='G_A')
    batch = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    return generator, batch
