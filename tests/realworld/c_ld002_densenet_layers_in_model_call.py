"""A subclassed DenseNet instantiates its bottleneck layers inside `Model.call()` "because that works".

The reporter's model built the custom `BottleneckLayer`s in `__init__` and hit a shape error (the block
reuses one BatchNormalization on two shapes), then noticed that "when instantiating this layer
directly in the call method it works". It runs, but every forward pass builds brand-new bottlenecks:
nothing in them is tracked or trained.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/29492"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model(x): count_params() == 36 (only the final Dense 11->3); two calls on the same input give
different outputs (new BottleneckLayers every call); tf.GradientTape watches the fresh bottleneck
variables but none is in model.trainable_weights; one model.fit step runs without error and changes
only the 2 classifier weights; no warning."""

import tensorflow as tf
from tensorflow.keras import Model, layers


class BottleneckLayer(layers.Layer):
    def __init__(self, growthRate):
        super().__init__()
        self.conv1 = layers.Conv2D(4 * growthRate, kernel_size=1, strides=1, padding="same")
        self.conv2 = layers.Conv2D(growthRate, kernel_size=3, strides=1, padding="same")
        self.batchNorm1 = layers.BatchNormalization(momentum=0.99, epsilon=0.001)
        self.batchNorm2 = layers.BatchNormalization(momentum=0.99, epsilon=0.001)
        self.relu = layers.Activation("relu")

    def call(self, x):
        y = self.batchNorm1(self.relu(self.conv1(x)))
        y = self.batchNorm2(self.relu(self.conv2(y)))
        return layers.concatenate([x, y])


class DenseNet(Model):
    def __init__(self, growthRate=4, depth=2):
        super().__init__()
        self.growthRate = growthRate
        self.depth = depth
        self.pool = layers.GlobalAveragePooling2D()
        self.classifier = layers.Dense(3)

    def call(self, x):
        for _ in range(self.depth):
            x = BottleneckLayer(self.growthRate)(x)
        return self.classifier(self.pool(x))


def build_model():
    model = DenseNet()
    x = tf.random.normal((2, 8, 8, 3), seed=5)
    model(x)
    return model, x
