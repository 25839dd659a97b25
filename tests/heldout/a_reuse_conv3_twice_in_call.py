"""A subclassed CNN that calls `self.conv3` twice in `call()`, the second time on its own (wider) output.

The report: "Cannot reuse the self.Dense() defined in __init__(self) in call(self, x)"; defining a
separate `self.conv3_1` avoids the error. The answer: a layer can be reused only on inputs whose shape
fits the weights built on the first call.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/30091"
CODES = ("LD008",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_reuse_conv3_twice_in_call.py:
build_model() raised ValueError: Exception encountered when calling ConvNet.call()."""

import keras
from keras import layers


class ConvNet(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv1 = layers.Conv2D(32, (3, 3))
        self.conv2 = layers.Conv2D(32, (3, 3))
        self.conv3 = layers.Conv2D(64, (3, 3))
        self.activ = layers.Activation("relu")
        self.flatten = layers.Flatten()
        self.out = layers.Dense(10)

    def call(self, x):
        x = self.activ(self.conv1(x))
        x = self.activ(self.conv2(x))
        x = self.conv3(x)
        x = self.activ(x)
        x = self.conv3(x)
        return self.out(self.flatten(x))


def build_model():
    model = ConvNet()
    model(keras.ops.zeros((1, 28, 28, 3)))
    return model
