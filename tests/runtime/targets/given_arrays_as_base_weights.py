"""LD001 from a crash (held-out 15, copynet-tf's FixedEmbedding): a subclass of a built-in layer stores values
handed to its constructor where the base keeps its weight; Keras 3 raises, as the weight is a read-only property."""

import numpy as np
import keras
from keras import layers


class ConstantConv(layers.Conv1D):
    def __init__(self, filters_bank, **kwargs):
        super().__init__(filters_bank.shape[-1], filters_bank.shape[0], **kwargs)
        self.kernel = filters_bank

    def build(self, input_shape):
        self.built = True


class PresetConv(layers.Conv1D):
    def __init__(self, filters_bank, **kwargs):
        super().__init__(filters_bank.shape[-1], filters_bank.shape[0], trainable=False,
                         kernel_initializer=keras.initializers.Constant(filters_bank), **kwargs)


def _bank():
    return np.random.default_rng(0).normal(size=(3, 4, 5)).astype("float32")


def _model(layer_class):
    inputs = keras.Input((8, 4))
    return keras.Model(inputs, layer_class(_bank())(inputs))


def make_constant_conv():
    return _model(ConstantConv)


def make_preset_conv():
    return _model(PresetConv)
