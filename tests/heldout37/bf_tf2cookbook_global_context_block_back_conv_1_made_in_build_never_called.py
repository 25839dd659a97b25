"""A GCNet global-context block creates `transform_back_conv_1` in `build()` but `call()` uses `transform_back_conv_0` twice: the second convolution stays unbuilt and untrained.

From taki0112/Tensorflow2-Cookbook (`template/sequential_multi_gpu/ops_sequential.py`, the multi-GPU copy of
the cookbook's layer file). `GlobalContextBlock(tf.keras.layers.Layer)` (GCNet's context modelling +
two transforms: a multiplicative one and an additive one) builds `mask_conv` and two small Sequential
transforms in `__init__`, then in `build()` creates `transform_back_conv_0` and `transform_back_conv_1`,
one per transform branch. In `call()` the 'transform_1' branch calls `self.transform_back_conv_0` again
(copy-paste), so `transform_back_conv_1` is never called and no `build()` builds it: its Conv2D stays
unbuilt (0 params, not trained, not saved), and the additive branch silently shares the multiplicative
branch's weights (the LD007 sharing is the visible side of the same slip).

Porting edits: in `__init__` the author's loop does `blocks = []` once before `for i in range(2)` and then
`blocks = Sequential(blocks)`, so the second iteration's `blocks += [...]` adds a list to a Sequential and
raises TypeError (on tf.keras 2 too); `blocks = []` is moved into the loop so the block can be built at
all. `tf.keras` is `keras`; the cookbook's `Conv`, `LayerNorm`, `Relu`, `Sigmoid` and `hw_flatten`
helpers are kept as written (Conv without its reflect-padding and spectral-norm branches, unused here).
The block reads the batch size from `input_shape` (`self.bs`) for a reshape, so build_model() wires it in
a functional model on `keras.Input((8, 8, 16), batch_size=2)`.
"""

SOURCE = "https://github.com/taki0112/Tensorflow2-Cookbook/blob/af8994e5f1887f66b88bba33d66c172eacfd5036/template/sequential_multi_gpu/ops_sequential.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bf_tf2cookbook_global_context_block_back_conv_1_made_in_build_never_called.py:
as returned: Functional, count_params() = 249, 12 weights, unbuilt: ['Conv:back_conv_1', 'Conv2D:back_conv_1']
after call: count_params() = 249, 12 trainable weights, unbuilt: ['Conv:back_conv_1', 'Conv2D:back_conv_1']; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gc_block': 249, 'back_conv_1': 'count_params() raised ValueError', 'back_conv_0': 80, 'conv_0': 68, 'mask_conv': 17}
second call: 0 variables watched that the first call did not use
probe (inline): the author's loop as written (blocks = [] before the loop) raises on its second pass:
TypeError unsupported operand type(s) for +=: 'Sequential' and 'list' (hence the porting edit)."""

import tensorflow as tf
import keras
from keras import Sequential

weight_initializer = keras.initializers.RandomNormal(mean=0.0, stddev=0.02)
weight_regularizer = keras.regularizers.l2(0.0001)


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
                                        kernel_initializer=weight_initializer,
                                        kernel_regularizer=weight_regularizer,
                                        strides=self.stride, use_bias=self.use_bias, name=self.name)

    def call(self, x, training=None, mask=None):
        x = self.conv(x)

        return x


def LayerNorm(epsilon=1e-3, name='LayerNorm'):
    return keras.layers.LayerNormalization(epsilon=epsilon, center=True, scale=True,
                                           name=name)


def Relu(x=None, name='relu'):
    if x is None:
        return keras.layers.Activation(keras.activations.relu, name=name)

    else:
        return keras.layers.Activation(keras.activations.relu, name=name)(x)


def Sigmoid(x=None, name='sigmoid'):
    if x is None:
        return keras.layers.Activation(keras.activations.sigmoid, name=name)
    else:
        return keras.layers.Activation(keras.activations.sigmoid, name=name)(x)


def hw_flatten(x):
    return tf.reshape(x, shape=[x.shape[0], -1, x.shape[-1]])


class GlobalContextBlock(keras.layers.Layer):
    def __init__(self, channels, use_bias=True, sn=False, name='GlobalContextBlock'):
        super(GlobalContextBlock, self).__init__(name=name)
        self.channels = channels
        self.use_bias = use_bias
        self.sn = sn

        self.mask_conv = Conv(channels=1, kernel=1, stride=1, use_bias=self.use_bias, sn=self.sn, name='mask_conv')

        self.transform_blocks = []

        for i in range(2):
            blocks = []  # porting edit: the author's `blocks = []` sat before the loop (TypeError on i == 1)
            blocks += [Conv(self.channels, kernel=1, stride=1, use_bias=self.use_bias, sn=self.sn, name='conv_0')]
            blocks += [LayerNorm(epsilon=1e-3, name='layer_norm_0')]
            blocks += [Relu()]

            blocks = Sequential(blocks)

            self.transform_blocks.append(blocks)

    def build(self, input_shape):
        self.bs, self.h, self.w, self.ch = input_shape

        self.transform_back_conv_0 = Conv(channels=self.ch, kernel=1, stride=1, use_bias=self.use_bias, sn=self.sn,
                                          name='back_conv_0')
        self.transform_back_conv_1 = Conv(channels=self.ch, kernel=1, stride=1, use_bias=self.use_bias, sn=self.sn,
                                          name='back_conv_1')

    def call(self, x, training=None, mask=None):
        with tf.name_scope(self.name):
            with tf.name_scope('context_modeling'):
                x_init = x
                x_init = hw_flatten(x_init)  # [N, H*W, C]
                x_init = tf.transpose(x_init, perm=[0, 2, 1])
                x_init = tf.expand_dims(x_init, axis=1)

                context_mask = self.mask_conv(x)
                context_mask = hw_flatten(context_mask)
                context_mask = tf.nn.softmax(context_mask, axis=1)  # [N, H*W, 1]
                context_mask = tf.transpose(context_mask, perm=[0, 2, 1])
                context_mask = tf.expand_dims(context_mask, axis=-1)

                context = tf.matmul(x_init, context_mask)
                context = tf.reshape(context, shape=[self.bs, 1, 1, self.ch])

            with tf.name_scope('transform_0'):
                context_transform = self.transform_blocks[0](context)
                context_transform = self.transform_back_conv_0(context_transform)
                context_transform = Sigmoid(context_transform)

                x = x * context_transform

            with tf.name_scope('transform_1'):
                context_transform = self.transform_blocks[1](context)
                context_transform = self.transform_back_conv_0(context_transform)
                context_transform = Sigmoid(context_transform)

                x = x + context_transform

            return x


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    x_in = keras.Input((8, 8, 16), batch_size=2)
    out = GlobalContextBlock(channels=4, name='gc_block')(x_in)
    return keras.Model(x_in, out)
