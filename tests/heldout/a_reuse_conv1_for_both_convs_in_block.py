"""A subclassed VGG-style block that applies the same `self.conv1` twice where the functional version had two Conv2D layers.

The report writes a functional CNN (Conv2D(32) twice, Conv2D(64) twice) as a subclassed model with
one attribute per layer *type*, calling each attribute several times; it "breaks on the first conv
layer". The maintainer: the functional model has two different Conv2D layers, one for 3 input
channels and one for 32; the subclass reuses one.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/28777"
CODES = ("LD008",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_reuse_conv1_for_both_convs_in_block.py:
build_model() raised ValueError: Exception encountered when calling CustomModel.call()."""

import keras
from keras.layers import Activation, Conv2D, Dense, Dropout, Flatten, MaxPooling2D


class CustomModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = Conv2D(32, (3, 3), padding="same")
        self.conv2 = Conv2D(64, (3, 3), padding="same")
        self.pool = MaxPooling2D(pool_size=(2, 2))
        self.relu = Activation("relu")
        self.softmax = Activation("softmax")
        self.drop1 = Dropout(0.25)
        self.dense1 = Dense(128)
        self.dense2 = Dense(10)
        self.flat = Flatten()

    def call(self, inputs, training=False):
        x = self.relu(self.conv1(inputs))
        x = self.relu(self.conv1(x))
        x = self.pool(x)
        x = self.relu(self.conv2(x))
        x = self.relu(self.conv2(x))
        x = self.pool(x)
        x = self.drop1(self.flat(x), training=training)
        return self.softmax(self.dense2(self.relu(self.dense1(x))))


def build_model():
    model = CustomModel()
    model(keras.ops.zeros((1, 32, 32, 3)))
    return model
