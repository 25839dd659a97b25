"""Correct: a subclassed `ResNetBlock(Model)` appends its Conv2D and BatchNormalization layers to plain Python lists `self.convs` / `self.batchNorms`.

The asker noticed that `resnet.layers` is filled although the layers only live in two list
attributes, and asked whether the order of appending matters; the block comes from the TF "custom
layers" tutorial. Layers held in a list attribute look like the "untracked container" bug, but a
list assigned to a Keras layer/model attribute is wrapped and tracked: every conv and batch norm is
counted and trained. The asker's snippet stops at `__init__`; `call` here runs the parts in order as
in the tutorial's ResnetIdentityBlock.
"""

SOURCE = "https://stackoverflow.com/questions/58139679"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py okp_resnet_block_layers_in_python_lists.py:
as returned: ResNetBlock, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d_1', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_2', 'BatchNormalization:batch_normalization_2']
after call: count_params() = 41, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import BatchNormalization, Conv2D


class ResNetBlock(Model):
    PART_COUNT = 3

    def __init__(self, kernel_size, filters):
        super().__init__()
        self.convs = []
        self.batchNorms = []
        for part in range(ResNetBlock.PART_COUNT):
            if part == 1:
                conv = Conv2D(filters[part], kernel_size=kernel_size, padding="same")
            else:
                conv = Conv2D(filters[part], kernel_size=(1, 1))
            self.convs.append(conv)
            self.batchNorms.append(BatchNormalization())

    def call(self, input_tensor, training=False):
        x = input_tensor
        for conv, bn in zip(self.convs, self.batchNorms):
            x = conv(x)
            x = bn(x, training=training)
            x = tf.nn.relu(x)
        return x


def build_model():
    resnet = ResNetBlock(1, [1, 2, 3])
    images = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    return resnet, images
