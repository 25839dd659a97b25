# LD011 untracked-container: layers held by a tf.Module (not a Keras layer) stored on a layer
import keras
import tensorflow as tf

CASE, TITLE = "LD011e", "a tf.Module subclass holding a list of Conv1D layers"


class ConvTower(tf.Module):
    def __init__(self, filters, depth, name=None):
        super().__init__(name=name)
        self.convs = []
        for _ in range(depth):
            self.convs.append(keras.layers.Conv1D(filters, 3, padding="same"))

    def __call__(self, x):
        for conv in self.convs:
            x = conv(x)
        return x


class SequenceEncoder(keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.tower = ConvTower(filters, depth=2)  # LD011

    def call(self, inputs):
        return self.tower(inputs)


SHAPE = (6, 3)


def make():
    return SequenceEncoder(4)
