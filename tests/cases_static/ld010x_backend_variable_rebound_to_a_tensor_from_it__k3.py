# LD010 variable-shadowed: a tf.Variable made on self, then rebound to a tensor computed from it
import math

import keras
import tensorflow as tf

CASE, TITLE = "LD010x", "a tf.Variable on self rebound at once to a tensor computed from it (MobileStyleGAN)"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s38/probe/ld010x.py): after construction ScaledLinear.weight and .bias are
# EagerTensors, the model has 0 weights and a tape over a call watches no variable; ScaledInCall keeps its
# keras.Variable (1 weight, 16 params) and its gradient is not None. (tf.keras 2 would have tracked the tf.Variable
# and lost it the same way at the rebinding.)


class ScaledLinear(keras.layers.Layer):
    def __init__(self, in_ch, out_ch, lr_mul=1.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = (1 / math.sqrt(in_ch)) * lr_mul
        self.weight = tf.Variable(tf.random.normal([in_ch, out_ch]) / lr_mul)  # LD003
        self.weight = self.weight * self.scale  # LD010
        self.bias = tf.Variable(tf.zeros([out_ch]))  # LD003
        self.bias = tf.reshape(self.bias, [1, out_ch]) * lr_mul  # LD010

    def call(self, x):
        return tf.matmul(x, self.weight) + self.bias


class ScaledInCall(keras.layers.Layer):
    """Correct: the variable stays the attribute; the scale is applied where it is used."""

    def __init__(self, out_ch, **kwargs):
        super().__init__(**kwargs)
        self.out_ch = out_ch

    def build(self, input_shape):
        self.scale = 1 / math.sqrt(input_shape[-1])
        self.weight = self.add_weight(shape=(input_shape[-1], self.out_ch), initializer="random_normal")

    def call(self, x):
        return tf.matmul(x, self.weight * self.scale)


def make_scaled_linear():
    inputs = keras.Input((4,))
    return keras.Model(inputs, ScaledLinear(4, 4)(inputs))


def make_scaled_in_call():
    inputs = keras.Input((4,))
    return keras.Model(inputs, ScaledInCall(4)(inputs))
