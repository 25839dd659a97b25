"""fusionlab's TensorFlow UNet++ decoder keeps one `self.up = layers.UpSampling2D()` and calls it ten times, on encoder and intermediate feature maps that differ in both spatial size and channel count; UpSampling2D has no weights, so sharing the one instance across every shape is correct and builds nothing that could clash.

From taipingeric/fusionlab (a segmentation/classification model zoo with paired PyTorch and TensorFlow versions),
`fusionlab/segmentation/unet2plus/tfunet2plus.py` at de28f6a (October 2023), with its base class from
`fusionlab/segmentation/tfbase.py`. `TFUNet2plus(TFSegmentationModel)` holds an `Encoder(Model)` of five
`BasicBlock`s (a `Sequential` subclass wrapping two conv-BN-ReLU `Sequential`s), a weightless `Bridger(Model)`,
the nested-skip `Decoder(Model)` with ten `BasicBlock`s, and a `Head(Sequential)` 1x1 conv. In `Decoder.call`,
`self.up(...)` upsamples x1_0 (2*base channels), x2_0, x3_0, x4_0 (16*base) and the intermediate x1_1, x2_1, x1_2,
x3_1, x2_2, x1_3, every one a different shape. Look-alike of LD008 (one layer instance reused on inputs of
incompatible shapes) and LD007: a stateless layer has no build-time shape to clash with. The ten `BasicBlock`s and
five encoder blocks are separate instances and each sees one input shape.

Porting edits: the 9 calls that pass `training` positionally (`self.encoder(x, training)`,
`self.conv0_0(x, training)`, ...) pass it as `training=training` (Keras 3 raises "Only input tensors may be passed as
positional arguments" for a bool); `Head` passes `[conv]` instead of `conv` to `Sequential.__init__` (tf.keras 2 wrapped a single
layer in a list itself, Keras 3 raises "'Conv2D' object is not iterable"); the `__main__` shape tests are left out and `TFSegmentationModel` is inlined from tfbase.py).
build_model() makes `TFUNet2plus(num_cls=3, base_dim=8)` and calls it on a symbolic 32x32x3 input (the `__main__`
uses 224x224 with base_dim 32), returning it with a (2, 32, 32, 3) batch.
"""

SOURCE = "https://github.com/taipingeric/fusionlab/blob/de28f6a98279b729464d39f01fcb33e21e9a00af/fusionlab/segmentation/unet2plus/tfunet2plus.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/okbw_fusionlab_unet2plus_decoder_one_upsampling2d_shared_across_ten_feature_map_shapes.py:
as returned: TFUNet2plus, count_params() = 576771, 182 weights, unbuilt: none
after call: count_params() = 576771, 122 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 122 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 297032, 'basic_block_4': 222464, 'basic_block_3': 55936, 'basic_block_2': 14144, 'basic_block_1': 3616, 'basic_block': 872, 'bridger': 0, 'decoder': 279712, 'basic_block_14': 4112, 'basic_block_13': 13984, 'basic_block_12': 3536, 'basic_block_11': 46400, 'basic_block_10': 11680, 'basic_block_9': 2960, 'basic_block_8': 148096, 'basic_block_7': 37184, 'basic_block_6': 9376, 'basic_block_5': 2384, 'head': 27}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers, Model, Sequential


class TFSegmentationModel(Model):
    """
    Base PyTorch class of the segmentation model with Encoder, Bridger, Decoder, Head
    """
    def call(self, x, training=None):
        """

        Args:
            x: input tensor
            training: flag for BatchNormalization and Dropout, whether the layer should behave in training mode or in
            inference mode

        Returns:

        """
        features = self.encoder(x, training=training)
        feature_fusion = self.bridger(features, training=training)
        decoder_output = self.decoder(feature_fusion, training=training)
        output = self.head(decoder_output, training=training)
        return output


class TFUNet2plus(TFSegmentationModel):
    def __init__(self, num_cls, base_dim):
        super().__init__()
        self.encoder = Encoder(base_dim)
        self.bridger = Bridger()
        self.decoder = Decoder(base_dim)
        self.head = Head(num_cls)


class BasicBlock(Sequential):
    def __init__(self, cout):
        conv1 = Sequential([
            layers.Conv2D(cout, 3, 1, padding='same'),
            layers.BatchNormalization(),
            layers.Activation(tf.nn.relu),
        ])
        conv2 = Sequential([
            layers.Conv2D(cout, 3, 1, padding='same'),
            layers.BatchNormalization(),
            layers.Activation(tf.nn.relu),
        ])
        super().__init__([conv1, conv2])


class Encoder(Model):
    def __init__(self, base_dim):
        """
        UNet Encoder
        Args:
            base_dim (int): 1st stage dim of conv output
        """
        super().__init__()
        self.pool = layers.MaxPool2D()
        self.conv0_0 = BasicBlock(base_dim)
        self.conv1_0 = BasicBlock(base_dim * 2)
        self.conv2_0 = BasicBlock(base_dim * 4)
        self.conv3_0 = BasicBlock(base_dim * 8)
        self.conv4_0 = BasicBlock(base_dim * 16)

    def call(self, x, training):
        x0_0 = self.conv0_0(x, training=training)
        x1_0 = self.conv1_0(self.pool(x0_0), training=training)
        x2_0 = self.conv2_0(self.pool(x1_0), training=training)
        x3_0 = self.conv3_0(self.pool(x2_0), training=training)
        x4_0 = self.conv4_0(self.pool(x3_0), training=training)
        return [x0_0, x1_0, x2_0, x3_0, x4_0]


class Bridger(Model):
    def call(self, x, training=None):
        return [tf.identity(i) for i in x]


class Decoder(Model):
    def __init__(self, base_dim):
        super().__init__()
        dims = [base_dim*(2**i) for i in range(5)]  # [base_dim, base_dim*2, base_dim*4, base_dim*8, base_dim*16]
        self.conv0_1 = BasicBlock(dims[0])
        self.conv1_1 = BasicBlock(dims[1])
        self.conv2_1 = BasicBlock(dims[2])
        self.conv3_1 = BasicBlock(dims[3])

        self.conv0_2 = BasicBlock(dims[0])
        self.conv1_2 = BasicBlock(dims[1])
        self.conv2_2 = BasicBlock(dims[2])

        self.conv0_3 = BasicBlock(dims[0])
        self.conv1_3 = BasicBlock(dims[1])

        self.conv0_4 = BasicBlock(dims[0])
        self.up = layers.UpSampling2D()

    def call(self, x, training=None):
        x0_0, x1_0, x2_0, x3_0, x4_0 = x

        x0_1 = self.conv0_1(layers.concatenate([x0_0, self.up(x1_0)], -1))
        x1_1 = self.conv1_1(layers.concatenate([x1_0, self.up(x2_0)], -1))
        x0_2 = self.conv0_2(layers.concatenate([x0_0, x0_1, self.up(x1_1)], -1))

        x2_1 = self.conv2_1(layers.concatenate([x2_0, self.up(x3_0)], -1))
        x1_2 = self.conv1_2(layers.concatenate([x1_0, x1_1, self.up(x2_1)], -1))
        x0_3 = self.conv0_3(layers.concatenate([x0_0, x0_1, x0_2, self.up(x1_2)], -1))

        x3_1 = self.conv3_1(layers.concatenate([x3_0, self.up(x4_0)], -1))
        x2_2 = self.conv2_2(layers.concatenate([x2_0, x2_1, self.up(x3_1)], -1))
        x1_3 = self.conv1_3(layers.concatenate([x1_0, x1_1, x1_2, self.up(x2_2)], -1))
        x0_4 = self.conv0_4(layers.concatenate([x0_0, x0_1, x0_2, x0_3, self.up(x1_3)], -1))

        return x0_4


class Head(Sequential):
    def __init__(self, cout):
        """
        Basic Identity
        :param int cout: output channel
        """
        conv = layers.Conv2D(cout, 1)
        super().__init__([conv])  # port: Keras 3 Sequential needs a list (tf.keras 2 wrapped a single layer)


def build_model():
    import numpy as np
    import keras

    unet = TFUNet2plus(3, 8)
    unet(keras.Input((32, 32, 3)))
    return unet, np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
