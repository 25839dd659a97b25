"""A small 3-D V-Net for knee-MRI segmentation whose decoder reads the wrong tensor: `u2 =
self.up_2(x2)` instead of `self.up_2(u3)`, so the whole bottom of the U (`conv_3`, `up_3`,
`up_conv2`) is computed and thrown away.

The issue ("Issue with gradient flows in Vnet") shows the training log full of "Gradients do not
exist for variables ['vnet_small_relative/c3/conv3d_4/kernel:0', ..., 'cu3/...', 'upc2/...']". Every
block is called, so every weight is built and counted in the summary; the weights of `c3`, `cu3` and
`upc2` just never reach the output and are never trained. The `Up_Conv3D` blocks also keep a
`Conv3DTranspose` that `call()` only uses when `use_transpose=True` (never here), which Keras 3
leaves unbuilt.

Porting edits: `tf.keras` -> `keras`; blocks from `vnet_build_blocks.py` inlined; channels 4
instead of 64-ish and an 8x8x8 volume; the positional input kept (unused in this version, as in the
repository file). The dense "compressor" head shown in the issue's log is not in this version of
the file.
"""

SOURCE = "https://github.com/3D-MRI-Tissue-Segmentation/knee-segmentation/issues/43"
CODES = ("LD009", "LD005")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py v_kneeseg_vnet_small_relative_decoder_branch_output_dropped.py:
as returned: VNet_Small_Relative, count_params() raised ValueError, 0 weights (every block unbuilt before a call)
warning: `build()` was called on layer 'cu3', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. (same for 'cu2')
after call: count_params() = 12951, 48 trainable weights, unbuilt: ['Conv3DTranspose:conv3d_transpose', 'Conv3DTranspose:conv3d_transpose_1']
gradient None for 16 of 48 trainable weights: ['vnet_small_relative/c3/conv3d_4/kernel', 'vnet_small_relative/c3/conv3d_4/bias', 'vnet_small_relative/c3/batch_normalization_4/gamma', 'vnet_small_relative/c3/batch_normalization_4/beta', 'vnet_small_relative/cu3/conv3d_5/kernel', 'vnet_small_relative/cu3/conv3d_5/bias', ...] (all of c3, cu3 and upc2: the same names as the issue's log)
tape watched 0 variables the model does not track: []
params of the case's own layers: {'c1': 580, 'c2': 2672, 'c3': 3536, 'cu3': 1064, 'cu2': 276, 'upc2': 3536, 'upc1': 904}
second call: 0 variables watched that the first call did not use"""

import keras
import keras.layers as tfkl


class Conv3D_Block(keras.Sequential):

    def __init__(self,
                 num_channels,
                 num_conv_layers=2,
                 kernel_size=(3, 3, 3),
                 nonlinearity='relu',
                 use_batchnorm=True,
                 use_dropout=True,
                 dropout_rate=0.25,
                 use_spatial_dropout=True,
                 data_format='channels_last',
                 **kwargs):

        super(Conv3D_Block, self).__init__(**kwargs)

        self.num_conv_layers = num_conv_layers
        self.use_batchnorm = use_batchnorm
        self.use_dropout = use_dropout
        self.use_spatial_dropout = use_spatial_dropout

        for _ in range(self.num_conv_layers):
            self.add(tfkl.Conv3D(num_channels, kernel_size, padding='same', data_format=data_format))
            if self.use_batchnorm:
                self.add(tfkl.BatchNormalization(axis=-1, momentum=0.95, epsilon=0.001))
            self.add(tfkl.Activation(nonlinearity))

        if self.use_dropout:
            if self.use_spatial_dropout:
                self.add(tfkl.SpatialDropout3D(rate=dropout_rate))
            else:
                self.add(tfkl.Dropout(rate=dropout_rate))

    def call(self, inputs, training=False):
        outputs = super(Conv3D_Block, self).call(inputs, training=training)
        return outputs


class Up_Conv3D(keras.Model):

    def __init__(self,
                 num_channels,
                 kernel_size=(2, 2, 2),
                 nonlinearity='relu',
                 use_batchnorm=False,
                 use_transpose=False,
                 strides=(2, 2, 2),
                 upsample_size=(2, 2, 2),
                 data_format='channels_last',
                 **kwargs):

        super(Up_Conv3D, self).__init__(**kwargs)

        self.use_batchnorm = use_batchnorm
        self.upsample = keras.layers.UpSampling3D(size=upsample_size)
        self.conv = keras.layers.Conv3D(num_channels, kernel_size, padding='same', data_format=data_format)
        self.batch_norm = keras.layers.BatchNormalization(axis=-1)
        self.activation = keras.layers.Activation(nonlinearity)
        self.use_transpose = use_transpose
        self.conv_transpose = keras.layers.Conv3DTranspose(num_channels, kernel_size, padding='same',
                                                           strides=strides, data_format=data_format)

    def call(self, inputs, training=False):
        x = inputs
        if self.use_transpose:
            x = self.conv_transpose(x)
        else:
            x = self.upsample(x)
            x = self.conv(x)
        if self.use_batchnorm:
            if training:
                x = self.batch_norm(x)
        outputs = self.activation(x)
        return outputs


class VNet_Small_Relative(keras.Model):

    def __init__(self,
                 num_channels,
                 num_classes,
                 num_conv_layers=2,
                 kernel_size=(3, 3, 3),
                 nonlinearity='relu',
                 use_batchnorm=True,
                 dropout_rate=0.25,
                 use_spatial_dropout=True,
                 data_format='channels_last',
                 merge_connections=False,
                 name="vnet_small_relative"):

        super(VNet_Small_Relative, self).__init__(name=name)
        self.merge_connections = merge_connections

        self.conv_1 = Conv3D_Block(num_channels, num_conv_layers, kernel_size,
                                   nonlinearity, use_batchnorm=use_batchnorm,
                                   data_format=data_format, name="c1")
        self.conv_2 = Conv3D_Block(num_channels * 2, num_conv_layers, kernel_size,
                                   nonlinearity, use_batchnorm=use_batchnorm,
                                   data_format=data_format, name="c2")
        self.conv_3 = Conv3D_Block(num_channels * 4, 1, kernel_size,
                                   nonlinearity, use_batchnorm=use_batchnorm,
                                   data_format=data_format, name="c3")
        self.up_3 = Up_Conv3D(num_channels * 2, (2, 2, 2), nonlinearity,
                              use_batchnorm=use_batchnorm, data_format=data_format, name="cu3")
        self.up_2 = Up_Conv3D(num_channels, (2, 2, 2), nonlinearity,
                              use_batchnorm=use_batchnorm, data_format=data_format, name="cu2")
        self.up_conv2 = Conv3D_Block(num_channels * 2, num_conv_layers, kernel_size, nonlinearity,
                                     use_batchnorm=use_batchnorm, data_format=data_format, name="upc2")
        self.up_conv1 = Conv3D_Block(num_channels, num_conv_layers, kernel_size, nonlinearity,
                                     use_batchnorm=use_batchnorm, data_format=data_format, name="upc1")

        # convolution num_channels at the output
        self.conv_output = keras.layers.Conv3D(2, kernel_size, activation=nonlinearity, padding='same',
                                               data_format=data_format)
        self.conv_1x1 = keras.layers.Conv3D(num_classes, kernel_size, padding='same',
                                            data_format=data_format)

    def call(self, inputs, training=True):
        image_inputs, pos_inputs = inputs

        # 1->64
        x1 = self.conv_1(image_inputs)

        # 64->128
        x2 = keras.layers.MaxPooling3D(pool_size=(2, 2, 2))(x1)
        x2 = self.conv_2(x2)

        # 128->256
        x3 = keras.layers.MaxPooling3D(pool_size=(2, 2, 2))(x2)
        x3 = self.conv_3(x3)

        # 256->128
        u3 = self.up_3(x3)
        if self.merge_connections:
            u3 = keras.layers.concatenate([x2, u3], axis=4)
        u3 = self.up_conv2(u3)

        # 128->64
        u2 = self.up_2(x2)
        if self.merge_connections:
            u2 = keras.layers.concatenate([x1, u2], axis=4)
        u2 = self.up_conv1(u2)

        u1 = self.conv_output(u2)
        output = self.conv_1x1(u1)
        return output


def build_model():
    import numpy as np

    model = VNet_Small_Relative(num_channels=4, num_classes=3)
    rng = np.random.default_rng(0)
    image = rng.random((2, 8, 8, 8, 1)).astype("float32")
    pos = rng.random((2, 3)).astype("float32")
    return model, (image, pos)
