"""A scaled kernel computed in build() and kept on self; build() runs inside the parent's trace."""
import keras
from keras import ops


class Scaled(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 2))
        self.scaled = self.w * 0.5

    def call(self, x):
        return ops.matmul(x, self.scaled)


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.inner = Scaled()

    def call(self, x):
        return self.inner(x)


def build_model():
    model = Net()
    model(keras.ops.ones((2, 3)))
    return model
