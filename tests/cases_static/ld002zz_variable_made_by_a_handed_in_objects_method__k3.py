# LD002 state-created-in-call: call() runs a method of a plain object handed to the constructor
# (`FilterBank(GaussianShape())`, then `self.shape_fn.kernel(w)` in call()), and that method makes a variable
# (tests/heldout31, LTS2 learnable filterbanks). Measured on Keras 3.15.1 + TF 2.21 (/tmp/p34/probe.py,
# probe2.py, these classes): called eagerly, the tape watches a new `filter_bank/Variable` the layer does not
# hold (its weights: `width` only); in a functional model fit() raises "No gradients provided for any
# variable" (the copy cuts `width` off). The twin's object computes with the weight itself.
import keras
import numpy as np
import tensorflow as tf


class GaussianShape:
    def kernel(self, width):
        return tf.exp(-tf.square(tf.range(3.0)) / tf.Variable(width))


class PlainShape:
    def kernel(self, width):
        return tf.exp(-tf.square(tf.range(3.0)) / width)


class FilterBank(keras.layers.Layer):
    def __init__(self, shape_fn, **kwargs):
        super().__init__(**kwargs)
        self.shape_fn = shape_fn

    def build(self, input_shape):
        self.width = self.add_weight(shape=(), initializer="ones", name="width")

    def call(self, x):
        return x * self.shape_fn.kernel(self.width)  # LD002


def make_bank():
    return FilterBank(GaussianShape())


def make_plain_bank():
    return PlainBank(PlainShape())


class PlainBank(keras.layers.Layer):
    def __init__(self, shape_fn, **kwargs):
        super().__init__(**kwargs)
        self.shape_fn = shape_fn

    def build(self, input_shape):
        self.width = self.add_weight(shape=(), initializer="ones", name="width")

    def call(self, x):
        return x * self.shape_fn.kernel(self.width)


def build_model():
    layer = make_bank()
    layer(np.ones((1, 3), "float32"))
    inputs = keras.Input((3,))
    model = keras.Model(inputs, make_plain_bank()(inputs))
    model(np.ones((1, 3), "float32"))
    return model, layer
