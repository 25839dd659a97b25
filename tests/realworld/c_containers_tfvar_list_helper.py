"""A tf.keras-era layer builds its tf.Variables in a helper method and appends them to a list attribute.

The report (TF 2.1) printed `model.trainable_variables` of a subclassed Model wrapping a layer whose
helper `buildFoo` created one scalar `tf.Variable` plus a list of them with `.append`: the listed
variables were missing. The same code run through `from tensorflow import keras` on Keras 3 loses
every one of them, the single attribute as well as the list.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/38211"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after calling the model: model.count_params() == 0, model.weights == [] (6 tf.Variables exist: first + 5 in the list);
tf.GradientTape does watch the 6 tf.Variables but none of them is in model.trainable_weights, so an
optimizer fed model.trainable_weights never updates them; no warning or error."""

import tensorflow as tf
from tensorflow import keras


class ChainScale(keras.layers.Layer):
    def __init__(self, depth):
        super(ChainScale, self).__init__()
        self.depth = depth
        self.build_chain(depth)

    def call(self, inputs):
        outs = [tf.multiply(inputs, self.first)]
        for i in range(1, self.depth + 1):
            outs.append(tf.multiply(outs[i - 1], self.chain[i - 1]))
        return outs[self.depth]

    def build_chain(self, depth):
        self.first = tf.Variable(1.0, name="s0")
        self.chain = []
        for i in range(depth):
            self.chain.append(tf.Variable(1.0 + 0.1 * i, name="s" + str(i + 1)))


class ChainModel(keras.Model):
    def __init__(self, depth):
        super(ChainModel, self).__init__()
        self.scaler = ChainScale(depth)

    def call(self, inputs):
        return self.scaler(inputs)


def build_model():
    model = ChainModel(5)
    x = tf.ones((2, 3))
    model(x)
    return model, x
