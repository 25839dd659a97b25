# LD005 unbuilt-sublayer: `model.build(shape)` on a subclassed Model whose sublayers private (name-mangled) helper
# methods make, and on a model from a factory bound to another name (TF-Unet, WZMIAOMIAO's ConvNeXt train.py,
# held-out 41)
import numpy as np
import keras
from keras import layers

CASE, TITLE = "LD005zr", "model.build(shape) on a model made through private helpers or a factory under another name"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s41/probe_ld005zr.py): private_helpers() and aliased_factory() return
# models with 0 weights after build() ("looks like it has unbuilt state" warning), 2 and 1 unbuilt Dense;
# called_after_build() has every weight after the call on data (4 weights).


class PrivateNet(keras.Model):
    def __init__(self):
        super().__init__()
        self.__init_encoder()
        self.__head = layers.Dense(1)

    def __init_encoder(self):
        self.__hidden = layers.Dense(8)

    def call(self, x):
        return self.__head(self.__hidden(x))


class Head(keras.Model):
    def __init__(self, classes):
        super().__init__()
        self.dense = layers.Dense(classes)

    def call(self, x):
        return self.dense(x)


def head_tiny(classes):
    model = Head(classes)
    return model


def private_helpers():
    net = PrivateNet()
    net.build((None, 4))  # LD005
    return net


def aliased_factory():
    create_model = head_tiny
    model = create_model(classes=3)
    model.build((None, 4))  # LD005
    return model


def called_after_build():
    net = PrivateNet()
    net.build((None, 4))
    net(np.zeros((1, 4), "float32"))
    return net
