"""A hand-written ConvNeXt block computes its 7x7 depthwise conv and then overwrites the result
(`x = self.norm_layer(input)`): every block's DepthwiseConv2D kernel and bias are counted but get no
gradient and never train.

From advsinha17/SwinUnet-MultiFace-Facenet (`task1/convnext_model.py` at commit ae6c33fe, "change
convnext stages from Sequential to lists to resolve weight initialization error"). `ConvNeXTBlock`
creates `depthwise_conv`, `norm_layer`, two 1x1 `Conv2D`s and a GELU in `__init__`; `call` runs
`x = self.depthwise_conv(input)` and then `x = self.norm_layer(input)`, so the depthwise output is
dropped and the block degenerates to LayerNorm -> MLP -> residual. The `ConvNeXT(tf.keras.Model)` keeps
its stages in plain Python lists (tracked by Keras) and returns `[class_output, bbox_output]`. Later
commits of the same file fix the typo (`self.norm_layer(x)`).

Porting edits: none to the code (tf.keras on TF 2.21 is Keras 3); the `os.environ` log-level line is
kept. `build_model()` builds the author's `ConvNeXT(num_classes=3, embed_dim=16, depths=[1, 1, 1, 1])`
(small sizes instead of the defaults 96/[3, 3, 9, 3] so the probe is cheap) and returns it with a
(2, 64, 64, 3) input.
"""

SOURCE = "https://github.com/advsinha17/SwinUnet-MultiFace-Facenet/blob/ae6c33fe59a68f1906fb543282c26b20eb4ab877/task1/convnext_model.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/ay_advsinha17_convnext_block_depthwise_conv_output_overwritten_never_trained.py:
as returned: ConvNeXT, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', 'LayerNormalization:layer_normalization', 'ConvNeXTBlock:conv_ne_xt_block', 'Conv2D:conv2d_2', 'Conv2D:conv2d_1', 'LayerNormalization:layer_normalization_1', 'DepthwiseConv2D:depthwise_conv2d', 'LayerNormalization:layer_normalization_2', 'Conv2D:conv2d_3', 'ConvNeXTBlock:conv_ne_xt_block_1', 'Conv2D:conv2d_5', 'Conv2D:conv2d_4', 'LayerNormalization:layer_normalization_3', 'DepthwiseConv2D:depthwise_conv2d_1', 'LayerNormalization:layer_normalization_4', 'Conv2D:conv2d_6', 'ConvNeXTBlock:conv_ne_xt_block_2', 'Conv2D:conv2d_8', 'Conv2D:conv2d_7', 'LayerNormalization:layer_normalization_5', 'DepthwiseConv2D:depthwise_conv2d_2', 'LayerNormalization:layer_normalization_6', 'Conv2D:conv2d_9', 'ConvNeXTBlock:conv_ne_xt_block_3', 'Conv2D:conv2d_11', 'Conv2D:conv2d_10', 'LayerNormalization:layer_normalization_7', 'DepthwiseConv2D:depthwise_conv2d_3', 'LayerNormalization:layer_normalization_8', 'Dense:class_predictions', 'Dense:bbox_predictions']
after call: count_params() = 233191, 54 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 8 of 54 trainable weights: ['conv_ne_xt/conv_ne_xt_block/depthwise_conv2d/kernel', 'conv_ne_xt/conv_ne_xt_block/depthwise_conv2d/bias', 'conv_ne_xt/conv_ne_xt_block_1/depthwise_conv2d_1/kernel', 'conv_ne_xt/conv_ne_xt_block_1/depthwise_conv2d_1/bias', 'conv_ne_xt/conv_ne_xt_block_2/depthwise_conv2d_2/kernel', 'conv_ne_xt/conv_ne_xt_block_2/depthwise_conv2d_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv_ne_xt_block': 2960, 'conv_ne_xt_block_1': 10016, 'conv_ne_xt_block_2': 36416, 'conv_ne_xt_block_3': 138368}
second call: 0 variables watched that the first call did not use"""

import os

import numpy as np
import tensorflow as tf

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"


class ConvNeXTBlock(tf.keras.layers.Layer):

    def __init__(self, embed_dim):

        super(ConvNeXTBlock, self).__init__()
        self.depthwise_conv = tf.keras.layers.DepthwiseConv2D(kernel_size = 7, padding = "same")
        self.norm_layer = tf.keras.layers.LayerNormalization()
        self.pointwise_conv1 = tf.keras.layers.Conv2D(filters = 4 * embed_dim, kernel_size = 1)
        self.gelu = tf.keras.layers.Activation(tf.keras.activations.gelu)
        self.pointwise_conv2 = tf.keras.layers.Conv2D(filters = embed_dim, kernel_size = 1)

    def call(self, input):
        x = self.depthwise_conv(input)
        x = self.norm_layer(input)
        x = self.pointwise_conv1(x)
        x = self.gelu(x)
        x = self.pointwise_conv2(x)
        x += input

        return x


class ConvNeXT(tf.keras.Model):

    def __init__(self, num_classes, embed_dim = 96, depths = [3, 3, 9, 3]):

        super(ConvNeXT, self).__init__()

        self.stage1 = [
            tf.keras.layers.Conv2D(filters = embed_dim, kernel_size = 4, strides = 4),
            tf.keras.layers.LayerNormalization()
        ]
        self.stage1_block = [ConvNeXTBlock(embed_dim) for _ in range(depths[0])]

        self.stage2 = [
            tf.keras.layers.LayerNormalization(),
            tf.keras.layers.Conv2D(filters = embed_dim * 2, kernel_size = 2, strides = 2)]
        self.stage2_block = [ConvNeXTBlock(embed_dim * 2) for _ in range(depths[1])]

        self.stage3 = [
            tf.keras.layers.LayerNormalization(),
            tf.keras.layers.Conv2D(filters = embed_dim * 4, kernel_size = 2, strides = 2)]
        self.stage3_block = [ConvNeXTBlock(embed_dim * 4) for _ in range(depths[2])]

        self.stage4 = [
            tf.keras.layers.LayerNormalization(),
            tf.keras.layers.Conv2D(filters = embed_dim * 8, kernel_size = 2, strides = 2)]
        self.stage4_block = [ConvNeXTBlock(embed_dim * 8) for _ in range(depths[3])]

        self.pool = tf.keras.layers.GlobalAveragePooling2D()
        self.norm_layer2 = tf.keras.layers.LayerNormalization()
        self.class_output_layer = tf.keras.layers.Dense(num_classes, activation = 'sigmoid', name = 'class_predictions')
        self.bbox_output_layer = tf.keras.layers.Dense(4, name = 'bbox_predictions')

    def call(self, x):
        for layer in self.stage1:
            x = layer(x)
        for layer in self.stage1_block:
            x = layer(x)
        for layer in self.stage2:
            x = layer(x)
        for layer in self.stage2_block:
            x = layer(x)
        for layer in self.stage3:
            x = layer(x)
        for layer in self.stage3_block:
            x = layer(x)
        for layer in self.stage4:
            x = layer(x)
        for layer in self.stage4_block:
            x = layer(x)
        x = self.pool(x)
        x = self.norm_layer2(x)
        class_output = self.class_output_layer(x)
        bbox_output = self.bbox_output_layer(x)

        return [class_output, bbox_output]


def build_model():
    model = ConvNeXT(num_classes=3, embed_dim=16, depths=[1, 1, 1, 1])
    inputs = np.random.default_rng(0).random((2, 64, 64, 3)).astype("float32")
    return model, inputs
