# LD001 raw-tensor-state: a constant that stands in for a weight a setting switches off is no weight; the same constant alone is
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD001t", "a bias constant in the else-branch of a switched-on bias weight, and the same constant with no switch"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s43/probe/ld001t.py): SwitchedBias(4, add_bias=False) on 3 features has one
# weight (the kernel) and b is the scalar 0.0; with add_bias=True it has two and b is trained; AlwaysZeroBias(4) has
# one weight and its `b`, named like a bias and added in call(), never trains.


class SwitchedBias(layers.Layer):
    """HYPER's PINN `Linear` (held-out 43): the bias is a weight when asked for, else the constant 0."""

    def __init__(self, units, add_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.add_bias = add_bias

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")
        if self.add_bias:
            self.b = self.add_weight(shape=(1, self.units), initializer="zeros")
        else:
            self.b = tf.constant(0.0)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


class AlwaysZeroBias(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")
        self.b = tf.zeros((1, self.units))  # LD001

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b
