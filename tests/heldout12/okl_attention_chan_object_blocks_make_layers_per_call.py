"""attention-chan image restoration net: conv "blocks" are plain Python objects (not Layers) whose
__call__ creates fresh Conv2D/BatchNormalization/LeakyReLU layers on every call.

`Conv_Block`, `Deconv_Block`, `DepthwiseSeparableConv_Block` and `AttentionBlock` subclass
`object`, store only hyper-parameters, and build new Keras layers inside `__call__`. That is the
shape of layers kept on a plain object and of layers created per call, but here the blocks are only
used while wiring a functional model on symbolic inputs: each call of a block adds new layers as
nodes of the graph, and the functional Model tracks every one of them. Nothing is held by the
plain objects, and every kernel is trained. (Ported: the attention block's `tf.multiply(x, psi)`
is written as a `Multiply()` layer because Keras 3 refuses TF ops on KerasTensors.)
"""

SOURCE = "https://github.com/deeplearning2020/attention-chan/blob/master/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okl_attention_chan_object_blocks_make_layers_per_call.py:
as returned: Functional, count_params() = 107160, 40 weights, unbuilt: none
after call: count_params() = 107160, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras.layers import (Conv2D, Conv2DTranspose, BatchNormalization, Reshape,
                                     GlobalAveragePooling2D, LeakyReLU, Add, Activation, Multiply,
                                     Input)
from tensorflow.keras.models import Model


class AttentionBlock(object):
    def __init__(self, filters):

        super(AttentionBlock, self).__init__()
        self.filters = filters
        #self.init = RandomNormal()

    def __call__(self, x):

        g1 = Conv2D(self.filters, kernel_size = 3, padding = 'same')(x)

        x1 = Conv2D(self.filters, kernel_size = 5, padding = 'same')(x)

        p1 = Conv2D(self.filters, kernel_size = 7, padding = 'same')(x)

        g1_x1 = Add()([g1, x1, p1])
        psi = LeakyReLU()(g1_x1)
        psi = GlobalAveragePooling2D()(psi)
        psi = Reshape((1,1,self.filters))(psi)
        psi = Activation('softmax')(psi)

        psi = Conv2D(1, kernel_size = 1, padding = 'same')(psi)
        psi = BatchNormalization()(psi)
        psi = LeakyReLU()(psi)
        x = Multiply()([x, psi])
        return x


class DepthwiseSeparableConv_Block(object):

    def __init__(self, filters, kernelSize, strides = 1):

        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides

    def __call__(self, x, training = None):

        x = Conv2D(self.filters, kernel_size = self.kernelSize, strides = self.strides, padding = 'same')(x)
        #x = BatchNormalization()(x)
        x = LeakyReLU()(x)
        return x


class Deconv_Block(object):

    def __init__(self, filters, kernelSize, strides = 1):

        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides

    def __call__(self, x, training = None):

        x = Conv2DTranspose(self.filters, self.kernelSize, strides = self.strides, padding = 'same')(x)
        x = BatchNormalization()(x)
        x = LeakyReLU()(x)
        return x


class Conv_Block(object):

    def __init__(self, filters, kernelSize, strides = 1):
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides

    def __call__(self, x, training = None):

        x = Conv2D(self.filters, self.kernelSize, strides = self.strides, padding = 'same')(x)
        x = BatchNormalization()(x)
        x = LeakyReLU()(x)
        return x


def restoration_net(input_shape=(32, 32, 3)):
    inp = Input(shape=input_shape)
    down = Conv_Block(16, 3)
    x = down(inp)
    x = down(x)                     # the same block object again: new layers, not shared ones
    x = DepthwiseSeparableConv_Block(32, 3, strides=2)(x)
    x = AttentionBlock(32)(x)
    x = Conv_Block(32, 3)(x)
    x = Deconv_Block(16, 3, strides=2)(x)
    out = Conv2D(3, 3, padding='same', activation='sigmoid')(x)
    return Model(inp, out)


def build_model():
    return restoration_net()
