# LD009 no-gradient: a layer whose call() returns argmax/round: nothing before it is trained
import keras
from keras import layers, ops

CASE, TITLE = "LD009f", "a hard-binarising layer between trainable layers"


class HardBinarize(layers.Layer):
    def call(self, x):
        binary = ops.round(ops.sigmoid(x))
        return binary  # LD009


class StraightThroughBinarize(layers.Layer):
    """The correct twin: round forward, identity backward."""

    def call(self, x):
        soft = ops.sigmoid(x)
        return soft + ops.stop_gradient(ops.round(soft) - soft)


def make_functional():
    inputs = keras.Input((4,))
    h = layers.Dense(6)(inputs)
    h = HardBinarize()(h)
    return keras.Model(inputs, layers.Dense(2)(h))
