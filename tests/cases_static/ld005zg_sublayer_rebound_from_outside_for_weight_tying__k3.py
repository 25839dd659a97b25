# LD005 unbuilt-sublayer: weights tied across blocks by rebinding one block's sublayer onto the others from
# outside them (`block.q = blocks[0].q`, tests/heldout30 Fast Transformer). Measured on Keras 3.15.1 + TF 2.21
# (/tmp/p33/rebind.py, these classes): after a call the model has 26 parameters and the second block's own
# Dense for `q` is still in its layers, never called and unbuilt; tf.keras 2 untracks it on reassignment. The
# twin TiedNet hands the shared layer to each block's constructor, so no block makes one of its own.
import keras
import numpy as np


class Att(keras.layers.Layer):
    def __init__(self, q=None, **kwargs):
        super().__init__(**kwargs)
        self.q = q if q is not None else keras.layers.Dense(2)
        self.o = keras.layers.Dense(3)

    def call(self, x):
        return self.o(self.q(x))


class Net(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [Att(), Att()]
        for block in self.blocks[1:]:
            block.q = self.blocks[0].q  # LD005

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class TiedNet(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        shared = keras.layers.Dense(2)
        self.blocks = [Att(q=shared), Att(q=shared)]

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


def build_model():
    model = Net()
    model(np.zeros((1, 3), "float32"))
    return model
