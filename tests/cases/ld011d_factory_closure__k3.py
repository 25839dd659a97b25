# LD011 untracked-container: a factory function builds layers and returns a closure over them
import keras
from keras import layers, ops

CASE, TITLE = "LD011d", "closure over a dict of layers, returned by a module-level factory"


def make_gated_unit(units):
    parts = {"value": layers.Dense(units), "gate": layers.Dense(units, activation="sigmoid")}

    def unit(x):
        return parts["value"](x) * parts["gate"](x)

    return unit


def make_gated_block(units):
    """The correct spelling: the factory returns a Layer (a Sequential), which Keras tracks."""
    return keras.Sequential([layers.Dense(units), layers.Activation("sigmoid")])


class GatedEncoder(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.unit = make_gated_unit(units)  # LD011
        self.block = make_gated_block(units)

    def call(self, inputs):
        return self.block(self.unit(inputs))


SHAPE = (4,)


def make():
    return GatedEncoder(4)
