"""Correct twin: the input size given by hand matches the data."""
import keras
import tensorflow as tf


class Project(keras.layers.Layer):
    def __init__(self, units=6, in_features=16):
        super().__init__()
        self.kernel = self.add_weight(shape=(in_features, units), initializer="ones")

    def call(self, x):
        return tf.matmul(x, self.kernel)


def build_model():
    layer = Project(in_features=5)
    return layer, tf.ones((3, 5))
