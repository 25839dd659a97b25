# LD002 state-created-in-call: a lambda kept on self that makes a layer and applies it at once, called by call()
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD002zg", "self.conv = lambda x: Conv2D(...)(x) called in call(), and two lambdas that make no layer"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s44/probe/ld002zg.py): MakesPerCall holds 0 weights after a call on a
# (1, 8, 8, 3) batch and two calls on it differ; AppliesHeld holds 2 weights (its Conv2D) and two calls agree.


class MakesPerCall(layers.Layer):
    """ESRGAN's residual dense block before its fix (held-out 44)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = lambda x: layers.Conv2D(4, 3, padding="same")(x)
        self.act = lambda x: tf.nn.leaky_relu(x, alpha=0.2)

    def call(self, inputs):
        return self.act(self.conv(inputs))  # LD002


class AppliesHeld(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block = layers.Conv2D(4, 3, padding="same")
        self.conv = lambda x: self.block(x)

    def call(self, inputs):
        return self.conv(inputs)
