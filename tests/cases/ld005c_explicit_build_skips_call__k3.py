# LD005 unbuilt-sublayer: model.build(shape) on a subclassed model whose build() runs no call()
import keras
from keras import ops

CASE, TITLE = "LD005c", "explicit build() of a model that creates its sublayers in __init__ or build()"
INPUTS = [(4,)]


class TwoLayerNet(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.head = keras.layers.Dense(1)

    def call(self, x):
        return self.head(self.hidden(x))


class LazyHeads(keras.layers.Layer):
    def build(self, input_shape):
        self.heads = [keras.layers.Dense(2) for _ in range(3)]

    def call(self, x):
        return ops.concatenate([head(x) for head in self.heads], axis=-1)


class SelfBuilding(keras.Model):
    def __init__(self, features=4, **kwargs):
        super().__init__(**kwargs)
        self.body = keras.layers.Dense(6)
        self.build((None, features))  # LD005

    def call(self, x):
        return self.body(x)


def _new_net():
    net = TwoLayerNet()
    return net


def make_functional():
    model = _new_net()
    model.build((None, 4))  # LD005
    return model


def heads_for_summary():
    heads = LazyHeads()
    heads.build((None, 4))  # LD005
    return heads


# Correct look-alikes: build() builds each sublayer, or the model is called on data.
class BuildsItsParts(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(8)
        self.heads = [keras.layers.Dense(1) for _ in range(2)]

    def build(self, input_shape):
        self.hidden.build(input_shape)
        for head in self.heads:
            head.build((None, 8))

    def call(self, x):
        h = self.hidden(x)
        return ops.concatenate([head(h) for head in self.heads], axis=-1)


def built_by_its_own_build():
    model = BuildsItsParts()
    model.build((None, 4))
    return model


def called_on_data():
    model = TwoLayerNet()
    model.build((None, 4))
    model(ops.zeros((1, 4)))
    return model
