"""A subclassed ResNet-34 from WZMIAOMIAO's deep-learning-for-image-processing builds its stages with a `_make_layer` helper that returns `Sequential` stacks, creates the 1x1 shortcut only under `if strides != 1 or first_block`, the classifier head only under `if self.include_top`, and reuses one ReLU per block twice; every layer that is created is also called, so a call builds and tracks all of it.

From WZMIAOMIAO/deep-learning-for-image-processing (a large tutorial repository for image classification,
detection and segmentation), `tensorflow_classification/Test5_resnet/subclassed_model.py`. `BasicBlock` and
`Bottleneck` are `layers.Layer` subclasses whose `downsample` argument is either `None` or a shortcut
`Sequential([Conv2D 1x1, BatchNormalization])` built by `ResNet._make_layer`; `call()` uses it only
`if self.downsample is not None`, and creates nothing when it is `None`. `ResNet(Model)` makes
`avgpool`/`fc`/`softmax` only `if self.include_top` and calls them under the same test. `self.relu` (a `ReLU`) is
called twice in each block. Look-alike of LD005 (layers behind conditional branches, layers made in a helper and
wrapped in Sequential containers) and of LD008/LD007 (one ReLU reused, stateless). Because creation and use are
guarded by the same conditions, nothing is left unbuilt.

Porting edits: the layer name "conv1/BatchNorm" becomes "conv1_BatchNorm" (Keras 3 rejects `/` in names);
the unused `Bottleneck`/`resnet101` are left out. build_model() makes `resnet34(num_classes=5)` and calls it on a symbolic
`keras.Input((64, 64, 3))` (a small image instead of 224x224 to keep the measured call cheap), the way a
subclassed model is built by its first call; it returns the model with a (2, 64, 64, 3) batch.
"""

SOURCE = "https://github.com/WZMIAOMIAO/deep-learning-for-image-processing/blob/d0d354d4d43523ca79ae46ca894f4f3b9bfa3ba4/tensorflow_classification/Test5_resnet/subclassed_model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/okbw_wzmiaomiao_subclassed_resnet_make_layer_conditional_shortcut_sequential_called.py:
as returned: ResNet, count_params() = 21308613, 187 weights, unbuilt: none
after call: count_params() = 21308613, 113 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 113 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'unit_3': 4722688, 'unit_2': 4722688, 'unit_1': 3676160, 'unit_4': 1181696, 'unit_6': 1181696, 'unit_5': 1181696}
second call: 0 variables watched that the first call did not use"""

from tensorflow.keras import layers, Model, Sequential


class BasicBlock(layers.Layer):
    expansion = 1

    def __init__(self, out_channel, strides=1, downsample=None, **kwargs):
        super(BasicBlock, self).__init__(**kwargs)
        self.conv1 = layers.Conv2D(out_channel, kernel_size=3, strides=strides,
                                   padding="SAME", use_bias=False)
        self.bn1 = layers.BatchNormalization(momentum=0.9, epsilon=1e-5)
        # -----------------------------------------
        self.conv2 = layers.Conv2D(out_channel, kernel_size=3, strides=1,
                                   padding="SAME", use_bias=False)
        self.bn2 = layers.BatchNormalization(momentum=0.9, epsilon=1e-5)
        # -----------------------------------------
        self.downsample = downsample
        self.relu = layers.ReLU()
        self.add = layers.Add()

    def call(self, inputs, training=False, **kwargs):
        identity = inputs
        if self.downsample is not None:
            identity = self.downsample(inputs)

        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = self.relu(x)

        x = self.conv2(x)
        x = self.bn2(x, training=training)

        x = self.add([identity, x])
        x = self.relu(x)

        return x


class ResNet(Model):
    def __init__(self, block, blocks_num, num_classes=1000, include_top=True, **kwargs):
        super(ResNet, self).__init__(**kwargs)
        self.include_top = include_top
        self.conv1 = layers.Conv2D(filters=64, kernel_size=7, strides=2, padding="SAME",
                                   use_bias=False, name="conv1")
        self.bn1 = layers.BatchNormalization(momentum=0.9, epsilon=1.001e-5, name="conv1_BatchNorm")
        self.relu1 = layers.ReLU(name="relu1")
        self.maxpool1 = layers.MaxPool2D(pool_size=3, strides=2, padding="SAME", name="maxpool1")

        self.block1 = self._make_layer(block, True, 64, blocks_num[0], name="block1")
        self.block2 = self._make_layer(block, False, 128, blocks_num[1], strides=2, name="block2")
        self.block3 = self._make_layer(block, False, 256, blocks_num[2], strides=2, name="block3")
        self.block4 = self._make_layer(block, False, 512, blocks_num[3], strides=2, name="block4")

        if self.include_top:
            self.avgpool = layers.GlobalAvgPool2D(name="avgpool1")
            self.fc = layers.Dense(num_classes, name="logits")
            self.softmax = layers.Softmax()

    def call(self, inputs, training=False, **kwargs):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = self.relu1(x)
        x = self.maxpool1(x)

        x = self.block1(x, training=training)
        x = self.block2(x, training=training)
        x = self.block3(x, training=training)
        x = self.block4(x, training=training)

        if self.include_top:
            x = self.avgpool(x)
            x = self.fc(x)
            x = self.softmax(x)

        return x

    def _make_layer(self, block, first_block, channel, block_num, name=None, strides=1):
        downsample = None
        if strides != 1 or first_block is True:
            downsample = Sequential([
                layers.Conv2D(channel * block.expansion, kernel_size=1, strides=strides,
                              use_bias=False, name="conv1"),
                layers.BatchNormalization(momentum=0.9, epsilon=1.001e-5, name="BatchNorm")
            ], name="shortcut")

        layers_list = []
        layers_list.append(block(channel, downsample=downsample, strides=strides, name="unit_1"))

        for index in range(1, block_num):
            layers_list.append(block(channel, name="unit_" + str(index + 1)))

        return Sequential(layers_list, name=name)


def resnet34(num_classes=1000, include_top=True):
    block = BasicBlock
    block_num = [3, 4, 6, 3]
    return ResNet(block, block_num, num_classes, include_top)


def build_model():
    import numpy as np
    import keras

    model = resnet34(num_classes=5)
    model(keras.Input((64, 64, 3)))
    return model, np.random.default_rng(0).random((2, 64, 64, 3)).astype("float32")
