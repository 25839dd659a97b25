# LD013 super-init-missing-or-late: super().__init__() never called (added for the runtime tests)
import keras
from keras import ops

CASE, TITLE = "LD013c", "Layer whose __init__ never calls super().__init__()"


class Scale(keras.layers.Layer):  # LD013
    def __init__(self, factor):
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor


SHAPE = (4,)


def make():
    return Scale(2.0)
