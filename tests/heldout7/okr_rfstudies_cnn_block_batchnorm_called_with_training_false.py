"""rfstudies' `CNNBlock` calls its BatchNormalization with a hard-coded `training=False` inside a subclassed FCN: the moving statistics never update, but gamma and beta are counted and get gradients.

cobermai/rfstudies (CERN CLIC RF-breakdown studies, tf.keras time-series classifiers) builds its
FCN classifiers (`FCNBlock`, `FCN2DropoutBlock`, subclassed `Model`s) from small layer blocks:
`CNNBlock` = Conv1D -> BatchNormalization -> ReLU and `CNNDropoutBlock` = Conv1D -> Dropout ->
BatchNormalization, each calling `self.bn(x, training=False)` whatever mode the model is in. That
looks like a frozen or unused sublayer, but it only means the normaliser always uses its moving
mean/variance: every trainable weight, gamma and beta included, still receives a gradient and
nothing is left unbuilt.
"""

SOURCE = "https://github.com/cobermai/rfstudies/blob/f5c617433cb8d128d29ad2b3f99bdbb060c5b957/src/model/classifiers/layers/cnn.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okr_rfstudies_cnn_block_batchnorm_called_with_training_false.py:
as returned: FCN2DropoutBlock, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['CNNBlock:cnn_block', 'BatchNormalization:batch_normalization', 'Conv1D:conv1d', 'CNNDropoutBlock:cnn_dropout_block', 'BatchNormalization:batch_normalization_1', 'Conv1D:conv1d_1', 'CNNBlock:cnn_block_1', 'BatchNormalization:batch_normalization_2', 'Conv1D:conv1d_2', 'Dense:dense']
after call: count_params() = 4962, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cnn_block': 592, 'cnn_dropout_block': 2720, 'cnn_block_1': 1616}
second call: 0 variables watched that the first call did not use"""

from abc import ABC

import numpy as np
from tensorflow.keras import Model, layers


class CNNBlock(layers.Layer):
    """Convolutional Neural Net Block"""

    def __init__(self, filters, kernel_size):
        super(CNNBlock, self).__init__()
        self.conv = layers.Conv1D(filters=filters, kernel_size=kernel_size, padding="same")
        self.bn = layers.BatchNormalization()
        self.relu = layers.Activation(activation="relu")
        self.filters = filters
        self.kernel_size = kernel_size

    def call(self, input_tensor, training=None, mask=None):
        x = self.conv(input_tensor)
        x = self.bn(x, training=False)
        x = self.relu(x)
        return x


class CNNDropoutBlock(layers.Layer):
    """Convolutional Neural Net Block with dropout layer"""

    def __init__(self, filters, kernel_size, dropout_rate):
        super(CNNDropoutBlock, self).__init__()
        self.conv = layers.Conv1D(filters=filters, kernel_size=kernel_size, padding="same", activation="relu")
        self.dropout = layers.Dropout(rate=dropout_rate)
        self.bn = layers.BatchNormalization()

    def call(self, input_tensor, training=None, mask=None):
        x = self.conv(input_tensor)
        x = self.dropout(x)
        x = self.bn(x, training=False)
        return x


class FCN2DropoutBlock(Model, ABC):
    """Fully convolutional network with two dropout layers."""

    def __init__(self, num_classes):
        super(FCN2DropoutBlock, self).__init__()
        self.cnn1 = CNNBlock(filters=16, kernel_size=8)
        self.cnn2_dropout = CNNDropoutBlock(filters=32, kernel_size=5, dropout_rate=0.5)
        self.cnn3 = CNNBlock(filters=16, kernel_size=3)
        self.gap = layers.GlobalAveragePooling1D()
        self.dropout = layers.Dropout(0.5)
        self.out = layers.Dense(num_classes, activation="softmax")

    def call(self, input_tensor, training=None, mask=None):
        x = self.cnn1(input_tensor)
        x = self.cnn2_dropout(x)
        x = self.cnn3(x)
        x = self.gap(x)
        x = self.dropout(x)
        return self.out(x)


def build_model():
    model = FCN2DropoutBlock(num_classes=2)
    x = np.random.default_rng(0).random((2, 64, 4)).astype("float32")
    return model, x
