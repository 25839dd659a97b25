# LD010 variable-shadowed: a variable made inside an expression and stored as the op's result
# (`self.tau = tf.math.maximum(tf.Variable(0.01), 0.01)`, tests/heldout31 Swin V2 port). Measured on
# Keras 3.15.1 + TF 2.21 (/tmp/p34/probe.py, these classes): `Scaled.tau` is an EagerTensor, the layer has
# 0 weights and one training step leaves tau at its first value. The twin keeps the weight and clamps it
# in call(), where the gradient flows. A variable made whole (`self.v = tf.Variable(...)`) is LD003's, not this.
import keras
import numpy as np
import tensorflow as tf


class Scaled(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tau = tf.math.maximum(tf.Variable(0.01, trainable=True), tf.constant(0.01))  # LD010

    def call(self, x):
        return x / self.tau


class ScaledTwin(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tau = self.add_weight(shape=(), initializer=keras.initializers.Constant(0.01), name="tau")

    def call(self, x):
        return x / keras.ops.maximum(self.tau, 0.01)


def build_model():
    inputs = keras.Input((3,))
    outputs = ScaledTwin()(Scaled()(inputs))
    model = keras.Model(inputs, outputs)
    model(np.ones((1, 3), "float32"))
    return model
