"""ResNet written with `ConvBlock` / `IdentityBlock` as keras.Model subclasses nested in a ResNet keras.Model.

The reporter re-implemented ResNet "following the latest standard" -- every residual block is its
own subclassed Model holding Conv/BN sublayers, the stages are lists of blocks -- and found that
`load_weights(..., by_name=True)` on the official h5 file did not see the layers inside the
sub-models (load_weights only walked `self.layers`).  The nesting (Model inside list inside
Model, BatchNormalization moving stats) looks like weights could be lost; on Keras 3 they are all
tracked, counted and trained.
"""

SOURCE = "https://github.com/keras-team/tf-keras/issues/235"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oky_resnet_conv_identity_blocks_as_models.py:
as returned: ResNet, count_params() = 10426, 92 weights, unbuilt: none
after call: count_params() = 10426, 62 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 62 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'res2a': 1136, 'res2b': 992, 'res3a': 4064, 'res3b': 3648}
second call: 0 variables watched that the first call did not use
Check: 15 Conv2D (kernel+bias) + 15 BatchNormalization (gamma+beta) + fc = 62 trainable weights, plus 30 BN moving statistics = 92 weights: every sublayer of the nested block Models (held in a list of lists) is tracked, and each trainable weight gets a gradient."""

import keras
from keras import layers


class IdentityBlock(keras.Model):
    def __init__(self, kernel_size, filters, stage, block):
        super(IdentityBlock, self).__init__(name='res' + str(stage) + block)
        filters1, filters2, filters3 = filters
        bn_axis = 3
        conv_name_base = 'res' + str(stage) + block + '_branch'
        bn_name_base = 'bn' + str(stage) + block + '_branch'

        self.conv2a = layers.Conv2D(filters1, (1, 1), name=conv_name_base + '2a')
        self.bn2a = layers.BatchNormalization(axis=bn_axis, name=bn_name_base + '2a')
        self.conv2b = layers.Conv2D(filters2, kernel_size, padding='same', name=conv_name_base + '2b')
        self.bn2b = layers.BatchNormalization(axis=bn_axis, name=bn_name_base + '2b')
        self.conv2c = layers.Conv2D(filters3, (1, 1), name=conv_name_base + '2c')
        self.bn2c = layers.BatchNormalization(axis=bn_axis, name=bn_name_base + '2c')

    def call(self, input_tensor, training=False):
        x = self.conv2a(input_tensor)
        x = self.bn2a(x, training=training)
        x = keras.activations.relu(x)
        x = self.conv2b(x)
        x = self.bn2b(x, training=training)
        x = keras.activations.relu(x)
        x = self.conv2c(x)
        x = self.bn2c(x, training=training)
        return keras.activations.relu(x + input_tensor)


class ConvBlock(keras.Model):
    def __init__(self, kernel_size, filters, stage, block, strides=(2, 2)):
        super(ConvBlock, self).__init__(name='res' + str(stage) + block)
        filters1, filters2, filters3 = filters
        bn_axis = 3
        conv_name_base = 'res' + str(stage) + block + '_branch'
        bn_name_base = 'bn' + str(stage) + block + '_branch'

        self.conv2a = layers.Conv2D(filters1, (1, 1), strides=strides, name=conv_name_base + '2a')
        self.bn2a = layers.BatchNormalization(axis=bn_axis, name=bn_name_base + '2a')
        self.conv2b = layers.Conv2D(filters2, kernel_size, padding='same', name=conv_name_base + '2b')
        self.bn2b = layers.BatchNormalization(axis=bn_axis, name=bn_name_base + '2b')
        self.conv2c = layers.Conv2D(filters3, (1, 1), name=conv_name_base + '2c')
        self.bn2c = layers.BatchNormalization(axis=bn_axis, name=bn_name_base + '2c')
        self.conv_shortcut = layers.Conv2D(filters3, (1, 1), strides=strides, name=conv_name_base + '1')
        self.bn_shortcut = layers.BatchNormalization(axis=bn_axis, name=bn_name_base + '1')

    def call(self, input_tensor, training=False):
        x = keras.activations.relu(self.bn2a(self.conv2a(input_tensor), training=training))
        x = keras.activations.relu(self.bn2b(self.conv2b(x), training=training))
        x = self.bn2c(self.conv2c(x), training=training)
        shortcut = self.bn_shortcut(self.conv_shortcut(input_tensor), training=training)
        return keras.activations.relu(x + shortcut)


class ResNet(keras.Model):
    def __init__(self, num_classes=10, widths=(8, 16)):
        super(ResNet, self).__init__(name='resnet_mini')
        self.conv1 = layers.Conv2D(widths[0], (3, 3), padding='same', name='conv1')
        self.bn_conv1 = layers.BatchNormalization(axis=3, name='bn_conv1')
        self.stages = []
        for i, w in enumerate(widths):
            stage = i + 2
            self.stages.append([
                ConvBlock(3, [w, w, w * 2], stage=stage, block='a', strides=(1, 1) if i == 0 else (2, 2)),
                IdentityBlock(3, [w, w, w * 2], stage=stage, block='b'),
            ])
        self.pool = layers.GlobalAveragePooling2D()
        self.fc = layers.Dense(num_classes, name='fc')

    def call(self, inputs, training=False):
        x = keras.activations.relu(self.bn_conv1(self.conv1(inputs), training=training))
        for blocks in self.stages:
            for block in blocks:
                x = block(x, training=training)
        return self.fc(self.pool(x))


def build_model():
    model = ResNet()
    inputs = keras.ops.ones((2, 16, 16, 3))
    model(inputs)
    return model, inputs
