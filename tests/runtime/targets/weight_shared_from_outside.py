"""Sharing a kernel between two built Conv2D layers from outside them (the Stack Overflow 45245396 recipe,
tests/heldout28), and the twin that shares by calling one layer twice."""

import keras
from keras.layers import Conv2D, Input
from keras.models import Model

SHAPE = (None, 8, 8, 3)


def kernel_written_over():
    conv1 = Conv2D(4, 3, padding="same")
    conv1.build(SHAPE)
    conv2 = Conv2D(4, 3, padding="valid")
    conv2.build(SHAPE)
    conv2.kernel = conv1.kernel
    inp = Input(shape=SHAPE[1:])
    return Model(inp, [conv1(inp), conv2(inp)])


def private_list_refilled():
    conv1 = Conv2D(4, 3, padding="same")
    conv1.build(SHAPE)
    conv2 = Conv2D(4, 3, padding="valid")
    conv2.build(SHAPE)
    conv2._trainable_weights = []
    conv2._trainable_weights.append(conv1.kernel)
    inp = Input(shape=SHAPE[1:])
    return Model(inp, [conv1(inp), conv2(inp)])


def shared_by_calling_twice():
    conv = Conv2D(4, 3, padding="same")
    inp = Input(shape=SHAPE[1:])
    return Model(inp, [conv(inp), conv(keras.layers.Activation("relu")(inp))])
