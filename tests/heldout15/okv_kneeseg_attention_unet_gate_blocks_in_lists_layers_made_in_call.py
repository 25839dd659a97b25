"""Attention U-Net for knee-MRI segmentation, built from blocks kept in plain Python lists and
with layers instantiated inside `call()` - and it is correct on Keras 3.

`UNet.__init__` appends its encoder `Conv2D_Block`s (Sequential subclasses) and weightless
`MaxPooling2D`s to `self.contracting_path = []` and its decoder `Up_Conv2D` models to
`self.upsampling_path = []`; each `Up_Conv2D` holds an `Attention_Gate` model whose three
convolution blocks sit in `self.conv_blocks = []`. `Attention_Gate.call()` and `Up_Conv2D.call()`
create `tfkl.concatenate(...)` and `tfkl.Activation(...)` layers on the fly, and `Up_Conv2D`
keeps its `Conv2DTranspose` behind `use_transpose` - but only creates it when the flag is set, so
nothing is left unbuilt. Keras 3 tracks the lists (each list is filled with layers before the
model reads it), the layers made in `call()` carry no weights, and every convolution and
batch-norm parameter gets a gradient.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.math.multiply`); the `Encoder` backbone
branch removed (`backbone='default'` only); two levels with 4/8 channels on a 16x16 image.
"""

SOURCE = "https://github.com/3D-MRI-Tissue-Segmentation/knee-segmentation/blob/01b25c4a9dbccab3962f7178b4afc8ac6de2ceb7/Segmentation/model/unet_build_blocks.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py okv_kneeseg_attention_unet_gate_blocks_in_lists_layers_made_in_call.py:
as returned: UNet, count_params() raised ValueError, 0 weights (a subclassed model: nothing built before the first call)
after call: count_params() = 1923, 42 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 42 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv2d__block': 220, 'conv2d__block_1': 944, 'up__conv2d': 744, 'conv2d__block_6': 472, 'conv2d__block_5': 148, 'attention__gate': 124, 'conv2d__block_4': 52, 'conv2d__block_3': 36, 'conv2d__block_2': 36}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15b/fit1.py): compile sgd/mse and one fit epoch run clean, no warning."""

import keras
import keras.layers as tfkl
import tensorflow as tf


class Conv2D_Block(keras.Sequential):

    def __init__(self,
                 num_channels,
                 num_conv_layers=2,
                 kernel_size=(3, 3),
                 nonlinearity='relu',
                 use_batchnorm=False,
                 use_bias=True,
                 use_dropout=False,
                 dropout_rate=0.25,
                 use_spatial_dropout=True,
                 data_format='channels_last',
                 **kwargs):

        super(Conv2D_Block, self).__init__(**kwargs)

        self.num_channels = num_channels
        self.num_conv_layers = num_conv_layers
        self.kernel_size = kernel_size
        self.nonlinearity = nonlinearity
        self.use_batchnorm = use_batchnorm
        self.use_bias = use_bias
        self.use_dropout = use_dropout
        self.dropout_rate = dropout_rate
        self.use_spatial_dropout = use_spatial_dropout
        self.data_format = data_format

        for _ in range(self.num_conv_layers):
            self.add(tfkl.Conv2D(self.num_channels, self.kernel_size, padding='same',
                                 use_bias=self.use_bias, data_format=self.data_format))
            if self.use_batchnorm:
                self.add(tfkl.BatchNormalization(axis=-1, momentum=0.95, epsilon=0.001))
            self.add(tfkl.Activation(self.nonlinearity))

        if self.use_dropout:
            if self.use_spatial_dropout:
                self.add(tfkl.SpatialDropout2D(rate=self.dropout_rate))
            else:
                self.add(tfkl.Dropout(rate=self.dropout_rate))

    def call(self, inputs, training=False):
        outputs = super(Conv2D_Block, self).call(inputs, training=training)
        return outputs


class Up_Conv2D(keras.Model):

    def __init__(self,
                 num_channels,
                 kernel_size=(2, 2),
                 nonlinearity='relu',
                 use_attention=False,
                 use_batchnorm=False,
                 use_transpose=False,
                 use_bias=True,
                 strides=(2, 2),
                 data_format='channels_last',
                 **kwargs):

        super(Up_Conv2D, self).__init__(**kwargs)

        self.num_channels = num_channels
        self.kernel_size = kernel_size
        self.nonlinearity = nonlinearity
        self.use_attention = use_attention
        self.use_batchnorm = use_batchnorm
        self.use_transpose = use_transpose
        self.use_bias = use_bias
        self.strides = strides
        self.data_format = data_format

        if self.use_transpose:
            self.upconv_layer = tfkl.Conv2DTranspose(self.num_channels, self.kernel_size, padding='same',
                                                     strides=self.strides, data_format=self.data_format)
        else:
            self.upconv_layer = tfkl.UpSampling2D(size=self.strides)

        if self.use_attention:
            self.attention = Attention_Gate(num_channels,
                                            (1, 1),
                                            self.nonlinearity,
                                            padding='same',
                                            strides=self.strides,
                                            use_bias=self.use_bias,
                                            data_format=self.data_format)

        self.conv = Conv2D_Block(num_channels,
                                 num_conv_layers=1,
                                 kernel_size=kernel_size,
                                 nonlinearity=nonlinearity,
                                 use_batchnorm=use_batchnorm,
                                 use_dropout=False,
                                 data_format=data_format)

        self.conv_block = Conv2D_Block(num_channels,
                                       num_conv_layers=2,
                                       kernel_size=(3, 3),
                                       nonlinearity=nonlinearity,
                                       use_batchnorm=use_batchnorm,
                                       use_dropout=False,
                                       data_format=data_format)

    def call(self, inputs, bridge, training=False):
        up = self.upconv_layer(inputs)
        up = self.conv(up, training=training)
        if self.use_attention:
            up = self.attention(bridge, up, training=training)
        out = tfkl.concatenate([up, bridge], axis=-1)
        out = self.conv_block(out, training=training)
        return out


class Attention_Gate(keras.Model):

    def __init__(self,
                 num_channels,
                 kernel_size=(1, 1),
                 nonlinearity='relu',
                 padding='same',
                 strides=(1, 1),
                 use_bias=True,
                 use_batchnorm=True,
                 data_format='channels_last',
                 **kwargs):

        super(Attention_Gate, self).__init__(**kwargs)

        self.conv_blocks = []
        for _ in range(3):
            self.conv_blocks.append(Conv2D_Block(num_channels,
                                                 num_conv_layers=1,
                                                 kernel_size=kernel_size,
                                                 nonlinearity=nonlinearity,
                                                 use_batchnorm=use_batchnorm,
                                                 use_dropout=False,
                                                 data_format=data_format))

    def call(self, input_x, input_g, training=False):
        x_g = self.conv_blocks[0](input_g, training=training)
        x_l = self.conv_blocks[1](input_x, training=training)

        x = tfkl.concatenate([x_g, x_l], axis=-1)
        x = tfkl.Activation('relu')(x)

        x = self.conv_blocks[2](x, training=training)
        alpha = tfkl.Activation('sigmoid')(x)

        outputs = tf.math.multiply(alpha, input_x)
        return outputs


class UNet(keras.Model):
    """ Tensorflow 2 Implementation of 'U-Net: Convolutional Networks for
    Biomedical Image Segmentation' https://arxiv.org/abs/1505.04597."""

    def __init__(self,
                 num_channels,
                 num_classes,
                 backbone='default',
                 num_conv_layers=2,
                 kernel_size=(3, 3),
                 nonlinearity='relu',
                 use_attention=False,
                 use_batchnorm=True,
                 use_bias=True,
                 use_dropout=False,
                 dropout_rate=0.25,
                 use_spatial_dropout=True,
                 data_format='channels_last',
                 **kwargs):

        super(UNet, self).__init__(**kwargs)

        self.num_classes = num_classes
        self.num_channels = num_channels
        self.backbone = backbone
        self.num_conv_layers = num_conv_layers
        self.kernel_size = kernel_size
        self.nonlinearity = nonlinearity
        self.use_attention = use_attention
        self.use_batchnorm = use_batchnorm
        self.use_bias = use_bias
        self.use_dropout = use_dropout
        self.dropout_rate = dropout_rate
        self.use_spatial_dropout = use_spatial_dropout
        self.data_format = data_format

        self.contracting_path = []

        for i in range(len(self.num_channels)):
            output = self.num_channels[i]
            self.contracting_path.append(Conv2D_Block(output,
                                                      self.num_conv_layers,
                                                      self.kernel_size,
                                                      self.nonlinearity,
                                                      self.use_batchnorm,
                                                      self.use_bias,
                                                      self.use_dropout,
                                                      self.dropout_rate,
                                                      self.use_spatial_dropout,
                                                      self.data_format))
            if i != len(self.num_channels) - 1:
                self.contracting_path.append(tfkl.MaxPooling2D())

        self.upsampling_path = []

        n = len(self.num_channels) - 2
        for i in range(n, -1, -1):
            output = self.num_channels[i]
            self.upsampling_path.append(Up_Conv2D(output,
                                                  kernel_size=(2, 2),
                                                  nonlinearity=self.nonlinearity,
                                                  use_attention=self.use_attention,
                                                  use_batchnorm=self.use_batchnorm,
                                                  use_transpose=False,
                                                  use_bias=self.use_bias,
                                                  strides=(2, 2),
                                                  data_format=self.data_format))

        self.conv_1x1 = tfkl.Conv2D(num_classes, (1, 1), activation='linear', padding='same',
                                    data_format=data_format)

    def call(self, x, training=False):
        blocks = []
        for i, down in enumerate(self.contracting_path):
            x = down(x, training=training)
            if i != len(self.contracting_path) - 1:
                blocks.append(x)

        for j, up in enumerate(self.upsampling_path):
            x = up(x, blocks[-2 * j - 2], training=training)

        del blocks

        x = self.conv_1x1(x)
        if self.num_classes == 1:
            output = tfkl.Activation('sigmoid')(x)
        else:
            output = tfkl.Activation('softmax')(x)
        return output


def build_model():
    import numpy as np

    model = UNet(num_channels=[4, 8], num_classes=3, use_attention=True)
    images = np.random.default_rng(0).random((2, 16, 16, 1)).astype("float32")
    return model, images
