"""WZMIAOMIAO's ConvNeXt training script does `model = create_model(num_classes=5); model.build((1, 224, 224, 3))` on the subclassed `ConvNeXt(Model)` and then loads pretrained weights, freezes layers by name and prints the summary; on Keras 3 that explicit build never runs `call()`, so the stem, all 18 blocks (and their layer-scale `gamma`s), the downsamplers and the head are still unbuilt when the weights are loaded and counted.

From WZMIAOMIAO/deep-learning-for-image-processing (a large image-processing tutorial repository),
`tensorflow_classification/ConvNeXt/train.py` (the build-then-load sequence) with the model from `model.py` of the
same folder. `ConvNeXt(Model)` keeps its blocks in Python lists (`self.stage1 = [Block(...), ...]`); each `Block`
has its own `build()` that only adds the `gamma` layer-scale weight and leaves its convs to be built on first call
(that part is fine, Keras builds sublayers when they are first called). The defect is the model-level
`model.build((1, 224, 224, 3))`: tf.keras 2 traced `call()` on a placeholder and created every weight, which the
script relies on for `model.load_weights(pre_weights_path, by_name=True, skip_mismatch=True)`, the
`if "head" not in layer.name: layer.trainable = False` loop and `model.summary()`. On Keras 3 the model has no
`build()` of its own, the default one warns ("looks like it has unbuilt state") and marks it built with no weights
(LD005); the pretrained weights have nothing to load into at that point. The same pattern is in the repository's
EfficientNetV2 `train.py`.

Porting edits: none to the model (`convnext_small` ... `convnext_xlarge` are left out). build_model() does what
train.py does up to the build (`create_model` is `convnext_tiny`, `num_classes=5` as in the script) and returns the
model with a (1, 64, 64, 3) batch, smaller than 224x224, for the measured call.
"""

SOURCE = "https://github.com/WZMIAOMIAO/deep-learning-for-image-processing/blob/ad98784c5937c7bb0cd26f08ea65cfe925a019a5/tensorflow_classification/ConvNeXt/train.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/bw_wzmiaomiao_convnext_train_model_build_before_load_weights_leaves_blocks_unbuilt.py:
warning: `build()` was called on layer 'conv_ne_xt', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
as returned: ConvNeXt, count_params() = 0, 0 weights, unbuilt: ['Stem:stem', 'LayerNormalization:norm', 'Conv2D:conv2d', 'Block:stage1_block0', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage1_block1', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage1_block2', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'DownSample:downsample2', 'Conv2D:conv2d', 'LayerNormalization:norm', 'Block:stage2_block0', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage2_block1', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage2_block2', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'DownSample:downsample3', 'Conv2D:conv2d', 'LayerNormalization:norm', 'Block:stage3_block0', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block1', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block2', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block3', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block4', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block5', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block6', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block7', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage3_block8', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'DownSample:downsample4', 'Conv2D:conv2d', 'LayerNormalization:norm', 'Block:stage4_block0', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage4_block1', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'Block:stage4_block2', 'Dense:pwconv2', 'Dense:pwconv1', 'LayerNormalization:norm', 'DepthwiseConv2D:dwconv', 'LayerNormalization:norm', 'Dense:head']
after call: count_params() = 27823973, 182 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 182 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stem': 4896, 'stage1_block0': 79296, 'stage1_block1': 79296, 'stage1_block2': 79296, 'downsample2': 74112, 'stage2_block0': 306048, 'stage2_block1': 306048, 'stage2_block2': 306048, 'downsample3': 295680, 'stage3_block0': 1201920, 'stage3_block1': 1201920, 'stage3_block2': 1201920, 'stage3_block3': 1201920, 'stage3_block4': 1201920, 'stage3_block5': 1201920, 'stage3_block6': 1201920, 'stage3_block7': 1201920, 'stage3_block8': 1201920, 'downsample4': 1181184, 'stage4_block0': 4763136, 'stage4_block1': 4763136, 'stage4_block2': 4763136}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, initializers, Model

KERNEL_INITIALIZER = {
    "class_name": "TruncatedNormal",
    "config": {
        "stddev": 0.2
    }
}

BIAS_INITIALIZER = "Zeros"


class Block(layers.Layer):
    """
    Args:
        dim (int): Number of input channels.
        drop_rate (float): Stochastic depth rate. Default: 0.0
        layer_scale_init_value (float): Init value for Layer Scale. Default: 1e-6.
    """
    def __init__(self, dim, drop_rate=0., layer_scale_init_value=1e-6, name: str = None):
        super().__init__(name=name)
        self.layer_scale_init_value = layer_scale_init_value
        self.dwconv = layers.DepthwiseConv2D(7,
                                             padding="same",
                                             depthwise_initializer=KERNEL_INITIALIZER,
                                             bias_initializer=BIAS_INITIALIZER,
                                             name="dwconv")
        self.norm = layers.LayerNormalization(epsilon=1e-6, name="norm")
        self.pwconv1 = layers.Dense(4 * dim,
                                    kernel_initializer=KERNEL_INITIALIZER,
                                    bias_initializer=BIAS_INITIALIZER,
                                    name="pwconv1")
        self.act = layers.Activation("gelu")
        self.pwconv2 = layers.Dense(dim,
                                    kernel_initializer=KERNEL_INITIALIZER,
                                    bias_initializer=BIAS_INITIALIZER,
                                    name="pwconv2")
        self.drop_path = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1)) if drop_rate > 0 else None

    def build(self, input_shape):
        if self.layer_scale_init_value > 0:
            self.gamma = self.add_weight(shape=[input_shape[-1]],
                                         initializer=initializers.Constant(self.layer_scale_init_value),
                                         trainable=True,
                                         dtype=tf.float32,
                                         name="gamma")
        else:
            self.gamma = None

    def call(self, x, training=False):
        shortcut = x
        x = self.dwconv(x)
        x = self.norm(x, training=training)
        x = self.pwconv1(x)
        x = self.act(x)
        x = self.pwconv2(x)

        if self.gamma is not None:
            x = self.gamma * x

        if self.drop_path is not None:
            x = self.drop_path(x, training=training)

        return shortcut + x


class Stem(layers.Layer):
    def __init__(self, dim, name: str = None):
        super().__init__(name=name)
        self.conv = layers.Conv2D(dim,
                                  kernel_size=4,
                                  strides=4,
                                  padding="same",
                                  kernel_initializer=KERNEL_INITIALIZER,
                                  bias_initializer=BIAS_INITIALIZER,
                                  name="conv2d")
        self.norm = layers.LayerNormalization(epsilon=1e-6, name="norm")

    def call(self, x, training=False):
        x = self.conv(x)
        x = self.norm(x, training=training)
        return x


class DownSample(layers.Layer):
    def __init__(self, dim, name: str = None):
        super().__init__(name=name)
        self.norm = layers.LayerNormalization(epsilon=1e-6, name="norm")
        self.conv = layers.Conv2D(dim,
                                  kernel_size=2,
                                  strides=2,
                                  padding="same",
                                  kernel_initializer=KERNEL_INITIALIZER,
                                  bias_initializer=BIAS_INITIALIZER,
                                  name="conv2d")

    def call(self, x, training=False):
        x = self.norm(x, training=training)
        x = self.conv(x)
        return x


class ConvNeXt(Model):
    r""" ConvNeXt
        A Tensorflow impl of : `A ConvNet for the 2020s`  -
          https://arxiv.org/pdf/2201.03545.pdf
    Args:
        num_classes (int): Number of classes for classification head. Default: 1000
        depths (tuple(int)): Number of blocks at each stage. Default: [3, 3, 9, 3]
        dims (int): Feature dimension at each stage. Default: [96, 192, 384, 768]
        drop_path_rate (float): Stochastic depth rate. Default: 0.
        layer_scale_init_value (float): Init value for Layer Scale. Default: 1e-6.
    """
    def __init__(self, num_classes: int, depths: list, dims: list, drop_path_rate: float = 0.,
                 layer_scale_init_value: float = 1e-6):
        super().__init__()
        self.stem = Stem(dims[0], name="stem")

        cur = 0
        dp_rates = np.linspace(start=0, stop=drop_path_rate, num=sum(depths))
        self.stage1 = [Block(dim=dims[0],
                             drop_rate=dp_rates[cur + i],
                             layer_scale_init_value=layer_scale_init_value,
                             name=f"stage1_block{i}")
                       for i in range(depths[0])]
        cur += depths[0]

        self.downsample2 = DownSample(dims[1], name="downsample2")
        self.stage2 = [Block(dim=dims[1],
                             drop_rate=dp_rates[cur + i],
                             layer_scale_init_value=layer_scale_init_value,
                             name=f"stage2_block{i}")
                       for i in range(depths[1])]
        cur += depths[1]

        self.downsample3 = DownSample(dims[2], name="downsample3")
        self.stage3 = [Block(dim=dims[2],
                             drop_rate=dp_rates[cur + i],
                             layer_scale_init_value=layer_scale_init_value,
                             name=f"stage3_block{i}")
                       for i in range(depths[2])]
        cur += depths[2]

        self.downsample4 = DownSample(dims[3], name="downsample4")
        self.stage4 = [Block(dim=dims[3],
                             drop_rate=dp_rates[cur + i],
                             layer_scale_init_value=layer_scale_init_value,
                             name=f"stage4_block{i}")
                       for i in range(depths[3])]

        self.norm = layers.LayerNormalization(epsilon=1e-6, name="norm")
        self.head = layers.Dense(units=num_classes,
                                 kernel_initializer=KERNEL_INITIALIZER,
                                 bias_initializer=BIAS_INITIALIZER,
                                 name="head")

    def call(self, x, training=False):
        x = self.stem(x, training=training)
        for block in self.stage1:
            x = block(x, training=training)

        x = self.downsample2(x, training=training)
        for block in self.stage2:
            x = block(x, training=training)

        x = self.downsample3(x, training=training)
        for block in self.stage3:
            x = block(x, training=training)

        x = self.downsample4(x, training=training)
        for block in self.stage4:
            x = block(x, training=training)

        x = tf.reduce_mean(x, axis=[1, 2])
        x = self.norm(x, training=training)
        x = self.head(x)
        return x


def convnext_tiny(num_classes: int):
    model = ConvNeXt(depths=[3, 3, 9, 3],
                     dims=[96, 192, 384, 768],
                     num_classes=num_classes)
    return model


def build_model():
    create_model = convnext_tiny
    # create model
    model = create_model(num_classes=5)
    model.build((1, 224, 224, 3))
    return model, np.random.default_rng(0).random((1, 64, 64, 3)).astype("float32")
