"""A Keras layer that keeps its parameters in a `tf.Module` sub-object: the layer reports no weights.

The TF issue (a reduction of a TensorFlow Probability report) shows that a `tf.Module` finds
variables in sub-modules, but a Keras layer given the same sub-module does not list them in
`trainable_weights`, so Keras training never updates them. Users hit this when they plug a
`tf.Module`-based component (a kernel, a bijector, a distribution's parameters) into a layer.
Ported to Keras 3 on TF: a layer holding a small `tf.Module` with two `tf.Variable`s.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/47264"
CODES = ("LD011", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.count_params() == 30 (the Dense only); AffineBijectorLayer.weights == [] although its
tf.Module holds shift and log_scale (10 values), which tf.Module.trainable_variables does list;
the variables take part in the forward pass (a tape watching them directly gets gradients) but they
are not in model.trainable_weights, so fit/optimizer never update them; no warning."""

import tensorflow as tf
import keras


class AffineParams(tf.Module):
    def __init__(self, dim, name=None):
        super().__init__(name=name)
        self.shift = tf.Variable(tf.zeros([dim]), name="shift")
        self.log_scale = tf.Variable(tf.zeros([dim]), name="log_scale")


class AffineBijectorLayer(keras.layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.params = AffineParams(dim, name="affine_params")

    def call(self, x):
        return x * tf.exp(self.params.log_scale) + self.params.shift


def build_model():
    inputs = keras.Input((5,))
    h = keras.layers.Dense(5)(inputs)
    outputs = AffineBijectorLayer(5)(h)
    return keras.Model(inputs, outputs)
