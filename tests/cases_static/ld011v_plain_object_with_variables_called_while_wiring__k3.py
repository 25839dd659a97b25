# LD011 untracked-container: a plain class holding a tf.Variable, called on the model's tensors while a
# functional head is wired (`ia, im = ImplicitA(c), ImplicitM(c)`, then `x = ia(x)` through helpers of
# the file): its variable enters the graph as a constant (tests/heldout32, a CenterNet head with YOLOR's
# implicit knowledge). Measured on Keras 3.15.1 + TF 2.21 (/tmp/p35/probe_static.py): the model's weights
# are the Conv2D's 2 and ImplicitLayer's 1 (the twin: a Layer with add_weight); ImplicitA's variable is
# none of them.
import keras
import tensorflow as tf


class ImplicitA:
    def __init__(self, channel):
        self.implicit = tf.Variable(tf.zeros((1, 1, 1, channel)), trainable=True)

    def __call__(self, x):
        return self.implicit + x


class ImplicitLayer(keras.layers.Layer):
    def build(self, input_shape):
        self.implicit = self.add_weight(shape=(1, 1, 1, input_shape[-1]), initializer="zeros", name="implicit")

    def call(self, x):
        return self.implicit + x


def conv(x, c):
    x = keras.layers.Conv2D(c, 3, padding="same")(x)
    return x


def head(x, c=4):
    ia, il = ImplicitA(c), ImplicitLayer()
    x = conv(x, c)
    x = ia(x)  # LD011
    x = il(x)
    return x


def build_model():
    inputs = keras.Input((8, 8, 3))
    return keras.Model(inputs, head(inputs))
