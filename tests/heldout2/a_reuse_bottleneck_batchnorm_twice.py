"""A DenseNet bottleneck layer applies one `self.batchNorm` after a 4k-channel conv and again after a k-channel conv.

In the report the custom `BottleneckLayer` (created in the model's `__init__`) failed when the
model was called, while creating the layers inside `call` "worked". The BatchNormalization is built
for 4*growthRate channels by its first call; its second call gets growthRate channels.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/29492"
CODES = ("LD008",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py a_reuse_bottleneck_batchnorm_twice.py:
build_model() raised ValueError: Exception encountered when calling BottleneckLayer.call()."""

import keras
from keras import layers


class BottleneckLayer(layers.Layer):
    def __init__(self, growth_rate, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = layers.Conv2D(4 * growth_rate, kernel_size=1, padding="same")
        self.conv2 = layers.Conv2D(growth_rate, kernel_size=3, padding="same")
        self.batchNorm = layers.BatchNormalization(momentum=0.99, epsilon=0.001)
        self.relu = layers.Activation("relu")

    def call(self, x, training=None):
        y = self.batchNorm(self.relu(self.conv1(x)), training=training)
        y = self.batchNorm(self.relu(self.conv2(y)), training=training)
        return layers.concatenate([x, y])


class DenseNet(keras.Model):
    def __init__(self, growth_rate=4, num_classes=10, **kwargs):
        super().__init__(**kwargs)
        self.stem = layers.Conv2D(2 * growth_rate, 3, padding="same")
        self.block = BottleneckLayer(growth_rate)
        self.pool = layers.GlobalAveragePooling2D()
        self.classifier = layers.Dense(num_classes, activation="softmax")

    def call(self, x, training=None):
        x = self.block(self.stem(x), training=training)
        return self.classifier(self.pool(x))


def build_model():
    model = DenseNet()
    model(keras.ops.ones((2, 16, 16, 3)))
    return model
