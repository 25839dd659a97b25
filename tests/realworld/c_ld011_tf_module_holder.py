"""Keras Dense layers grouped in lists inside a `tf.Module`, and the module stored on a Keras 3 model.

The TF 2.0 report built a `tf.Module` whose `self.list` holds lists of `tf.keras.layers.Dense` and
looked at its variables. Carried into a Keras 3 model (the module as a helper container on a
subclassed Model, called from `call()`), the module is a plain object to Keras: none of the Dense
layers it holds is tracked.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/29329"
CODES = ("LD011",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model(x): model.count_params() == 6 (only the output Dense 5->1); the 4 Dense layers held in the
tf.Module's nested lists (4 x 30 = 120 params) are not in model.weights; tf.GradientTape watches the 6
trainable variables among them but none is in model.trainable_weights, and one fit step changes only
2 of 2 tracked weights (the output Dense); no warning."""

import tensorflow as tf
from tensorflow import keras


class DenseStack(tf.Module):
    def __init__(self):
        super(DenseStack, self).__init__()
        self.list = []
        self.list.append([keras.layers.Dense(5, trainable=False), keras.layers.Dense(5)])
        self.list.append([keras.layers.Dense(5), keras.layers.Dense(5)])

    def __call__(self, inputs):
        output = inputs
        for l_list in self.list:
            for layer in l_list:
                output = layer(output)
        return output


class Regressor(keras.Model):
    def __init__(self):
        super(Regressor, self).__init__()
        self.block = DenseStack()
        self.out = keras.layers.Dense(1)

    def call(self, inputs):
        return self.out(self.block(inputs))


def build_model():
    model = Regressor()
    x = tf.ones((2, 5))
    model(x)
    return model, x
