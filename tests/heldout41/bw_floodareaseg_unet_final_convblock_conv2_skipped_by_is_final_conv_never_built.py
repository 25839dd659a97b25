"""Flood-Area-Segmentation's U-Net ends with `self.final_conv = ConvBlock(2, strides, padding, dropout, True)`; `ConvBlock.__init__` always creates `conv1` and `conv2`, but `call()` returns right after the first conv when `is_final_conv` is set, so the final block's `conv2` is never called and stays unbuilt (a branch that is never taken for that instance).

From An-Sadek/Flood-Area-Segmentation (a Keras U-Net for flood-area segmentation of aerial images, February 2025),
`model.py`. `ConvBlock(out_channels, strides, padding, dropout, is_final_conv=False)` creates two 3x3 convs, one
`Dropout` and one `BatchNormalization`; `call()` runs conv1 -> dropout -> BN and, `if self.is_final_conv: return x`,
skips conv2. `UNet` (a `layers.Layer`) builds nine ConvBlocks plus four `ConvT` upsamplers; only the last one is
made with `is_final_conv=True`, whose `conv2` (a 2-filter 3x3 conv) is tracked but never built: `0 (unbuilt)` in the
summary, nothing saved for it (LD005). Noted, not labelled: each ConvBlock also calls its single `self.batch_norm`
after both convs (and its single `self.dropout` twice); the shapes agree, so that is one shared BN per block
(LD007, info), a different defect from the unbuilt conv.

Porting edits: none to the classes (the `__main__` tests are left out). build_model() wires the model as the
`__main__` block does, `UNet(feature_fraction=1, strides=1, padding="same", dropout=0.5)` called on a
`keras.Input` inside `keras.Model(inputs, outputs)`, on a 32x32x1 input instead of 572x572x1 to keep the measured
call small.
"""

SOURCE = "https://github.com/An-Sadek/Flood-Area-Segmentation/blob/ceefd2de17fd7e58a1f745b995f3787d6530d62d/model.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/bw_floodareaseg_unet_final_convblock_conv2_skipped_by_is_final_conv_never_built.py:
warning: `build()` was called on layer 'conv_block_9', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, de
as returned: Functional, count_params() = 20552648, 79 weights, unbuilt: ['Conv2D:conv2d_19']
after call: count_params() = 20552648, 51 trainable weights, unbuilt: ['Conv2D:conv2d_19']; output dtypes ['float32']
gradient None for 0 of 51 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'u_net': 20552648, 'conv_block_9': 1160, 'conv_block_8': 110848, 'conv_t_3': 33024, 'conv_block_7': 442880, 'conv_t_2': 131584, 'conv_block_6': 1770496, 'conv_t_1': 525312, 'conv_block_5': 7079936, 'conv_t': 1050624, 'conv_block_4': 4720640, 'conv_block_3': 3540992, 'conv_block_2': 885760, 'conv_block_1': 221696, 'conv_block': 37696}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow import keras
from keras import layers, regularizers


class ConvBlock(layers.Layer):

    def __init__(self, out_channels, strides, padding, dropout, is_final_conv=False):
        super().__init__()

        # Conv 1
        self.conv1 = layers.Conv2D(
            out_channels, (3, 3), 
            strides=strides,
            padding=padding, 
            use_bias=False, 
            activation = "relu",
            kernel_initializer="he_uniform", 
            kernel_regularizer=regularizers.L2()
        )

        # Conv 2
        self.conv2 = layers.Conv2D(
            out_channels, (3, 3), 
            strides= strides,
            padding=padding, 
            use_bias=False, 
            activation = "relu",
            kernel_initializer="he_uniform", 
            kernel_regularizer=regularizers.L2()
        )

        self.dropout = layers.Dropout(dropout)
        self.batch_norm = layers.BatchNormalization()

        self.is_final_conv = is_final_conv

    def call(self, inputs, training=False):
        x = self.conv1(inputs)
        x = self.dropout(x, training=training)
        x = self.batch_norm(x, training=training)

        if self.is_final_conv:
            return x
        
        x = self.conv2(x)
        x = self.dropout(x, training=training)
        x = self.batch_norm(x, training=training)

        return x
        

class ConvT(layers.Layer):

    def __init__(self, out_channels, dropout):
        super().__init__()

        self.convT = layers.Conv2DTranspose(
            out_channels,
            kernel_size=(2, 2),
            strides=(2, 2),
            padding="same", 
            use_bias=False, 
            activation = "relu",
            kernel_initializer="he_uniform", 
            kernel_regularizer=regularizers.L2()
        )

        self.dropout = layers.Dropout(dropout)
        self.batch_norm = layers.BatchNormalization()
    
    def call(self, inputs, training=False):
        x = self.convT(inputs)
        x = self.dropout(x, training=training)
        x = self.batch_norm(x)

        return x

class UNet(layers.Layer):

    def __init__(self, feature_fraction: int=1, strides=1, padding="same", dropout=0.5):
        super().__init__()
        assert feature_fraction in range(1, 65, 2), "He so ngoai tam, feature_fraction nam trong [1, 64] va chia het cho 2"
        assert padding in ["same", "valid"], "padding = \"same\" hoac \"valid\""

        features = [64, 128, 256, 512]
        features = [value // feature_fraction for value in features] # Lay so nguyen

        self.pool = layers.MaxPooling2D(2, 2)

        # Encoder
        self.down1 = ConvBlock(features[0], strides, padding, dropout)
        self.down2 = ConvBlock(features[1], strides, padding, dropout)
        self.down3 = ConvBlock(features[2], strides, padding, dropout)
        self.down4 = ConvBlock(features[3], strides, padding, dropout)
        
        # Bottleneck
        self.bottleneck = ConvBlock(features[3], strides, padding, dropout)

        # Decoder
        self.convT1 = ConvT(features[3], dropout)
        self.up1 = ConvBlock(features[3], strides, padding, dropout)

        self.convT2 = ConvT(features[2], dropout)
        self.up2 = ConvBlock(features[2], strides, padding, dropout)


        self.convT3 = ConvT(features[1], dropout)
        self.up3 = ConvBlock(features[1], strides, padding, dropout)

        self.convT4 = ConvT(features[0], dropout)
        self.up4 = ConvBlock(features[0], strides, padding, dropout)

        # Conv cuoi
        self.final_conv = ConvBlock(2, strides, padding, dropout, True) # Bo ham sigmoid se tinh nhanh hon phan nao

    def call(self, inputs):
        # Encoder
        down1 = self.down1(inputs)
        x = self.pool(down1) # 284, 284, 64

        down2 = self.down2(x)
        x = self.pool(down2) # 140, 140, 128

        down3 = self.down3(x)
        x = self.pool(down3) # 68, 68, 256

        down4 = self.down4(x)
        x = self.pool(down4) # 32, 32, 512

        # Bottleneck
        x = self.bottleneck(x) # 28, 28, 512
        
        # Decoder
        x = self.convT1(x) # 28, 28, 512
        x = self.copy_crop(x, down4) # 56, 56, 1024
        x = self.up1(x) # 52, 52, 512

        x = self.convT2(x) # 104, 104, 256
        x = self.copy_crop(x, down3) # 104, 104, 512
        x = self.up2(x) # 100, 100, 256

        x = self.convT3(x) # 200, 200, 128
        x = self.copy_crop(x, down2) # 200, 200, 256
        x = self.up3(x) # 196, 196, 128

        x = self.convT4(x) # 392, 392, 64
        x = self.copy_crop(x, down1) # 392, 392, 128
        x = self.up4(x) # 388, 388, 64

        # Final conv
        x = self.final_conv(x) # 386, 386, 2

        return x

    def copy_crop(self, x, down):
        w = x.shape[1]
        h = x.shape[2]
        down = down[:, :w, :h, :]
        x = tf.concat([x, down], 3)

        return x


def build_model():
    inputs = keras.Input(shape=(32, 32, 1))
    layer_unet1 = UNet(feature_fraction=1, strides=1, padding="same", dropout=0.5)
    outputs_unet1 = layer_unet1(inputs)
    return keras.Model(inputs, outputs_unet1)
