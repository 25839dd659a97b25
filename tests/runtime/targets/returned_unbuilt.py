"""Models returned with no weights and no known input shape (held-out 9: keras-tuner's HyperModel returning a
Sequential without an input shape, deepchem's KerasModel wrapping a subclassed model it never called).
Measured on Keras 3.15.1 + TF 2.21, as returned: count_params() raises ValueError ("the layer isn't built"),
save_weights() raises ValueError ("a model that has not yet been built"), get_weights() is [] and summary()
shows "Total params: 0"; a Sequential given an Input, or a subclassed model a factory called once, has
all its weights (count_params() 29 and 22) and is inspected as usual."""

import keras
from keras import layers, ops


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)
        self.norm = layers.LayerNormalization()

    def call(self, x):
        return self.norm(self.proj(x))


class Net(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(3)
        self.out = layers.Dense(1)

    def call(self, x):
        return self.out(self.hidden(x))


class Trainer:
    """A plain object that holds the model and reads its weights before training."""

    def __init__(self, model):
        self.model = model
        self.initial = model.get_weights()


def sequential_without_input():
    model = keras.Sequential([Block(), layers.Dense(4, activation="relu"), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


def subclassed_weights_read_unbuilt():
    return Trainer(Net()).model


def sequential_with_input():
    return keras.Sequential([keras.Input((5,)), layers.Dense(4), layers.Dense(1)])


def subclassed_called_once():
    model = Net()
    model(ops.zeros((2, 5)))
    return model


def activation_only():
    return keras.Sequential([layers.Activation("relu")])
