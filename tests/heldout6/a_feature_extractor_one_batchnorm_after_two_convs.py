"""A subclassed feature extractor defines one `BatchNormalization` in `__init__` and calls it after a 6-channel and after a 16-channel convolution: the second call crashes.

The question (a TensorFlow model-subclassing FAQ page) has a LeNet-style `FeatureExtractor(Model)`
with `conv_1 = Conv2D(6, 4)`, `conv_2 = Conv2D(16, 4)`, a single `self.batchnorm` and a single
`self.maxpool`, each reused in `call()` after both convolutions. Reusing the stateless
`MaxPool2D` is fine (shared, nothing to build), but `BatchNormalization` builds `gamma`, `beta`
and the moving statistics for the 6 channels it sees first; on the 16-channel output of
`conv_2` the same instance refuses the input. The
model fails on its first call, far from the line that made one layer do two jobs.
"""

SOURCE = "https://php.wlsqs.com/faq/1967721.html"
CODES = ("LD008",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py a_feature_extractor_one_batchnorm_after_two_convs.py:
build_model() raised ValueError: Exception encountered when calling FeatureExtractor.call().
the exception goes on: Input 0 with name 'None' of layer 'batch_normalization' is incompatible with the layer: expected axis -1 of input shape to have value 6, but received input with shape (1, 9, 9, 16)"""

import numpy as np
from tensorflow.keras import Model
from tensorflow.keras.layers import BatchNormalization, Conv2D, Dense, Flatten, MaxPool2D


class FeatureExtractor(Model):
    def __init__(self):
        super().__init__()
        self.conv_1 = Conv2D(6, 4, padding="valid", activation="relu")
        self.batchnorm = BatchNormalization()
        self.maxpool = MaxPool2D(pool_size=2, strides=2)
        self.conv_2 = Conv2D(16, 4, padding="valid", activation="relu")

    def call(self, x, training=False):
        x = self.conv_1(x)
        x = self.batchnorm(x, training=training)
        x = self.maxpool(x)
        x = self.conv_2(x)
        x = self.batchnorm(x, training=training)
        x = self.maxpool(x)
        return x


class LeNet(Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.feature_extractor = FeatureExtractor()
        self.flatten = Flatten()
        self.dense_1 = Dense(100, activation="relu")
        self.dense_2 = Dense(num_classes, activation="softmax")

    def call(self, x, training=False):
        x = self.feature_extractor(x, training=training)
        x = self.flatten(x)
        x = self.dense_1(x)
        return self.dense_2(x)


def build_model():
    model = LeNet()
    model(np.zeros((1, 28, 28, 1), dtype="float32"))  # the first call, as in training
    return model
