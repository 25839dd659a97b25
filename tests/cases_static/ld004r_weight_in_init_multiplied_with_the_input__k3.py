# LD004 fixed-input-dim-in-init: a (units, input_dim) weight made in __init__ and multiplied elementwise with the input
import numpy as np
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD004r", "a weight sized (units, input_dim) in __init__, broadcast against the input in call()"
FEATURES = 8
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases3.py): Cell(8, input_dim=8) has its weights before a call
# and runs on a width-8 input; on a width-5 input it raises InvalidArgumentError in call();
# BuiltCell(8) runs on both widths.


class Cell(layers.Layer):
    """MIT 6.S191's MyRNNCell as copied into a blog: W_xh * x broadcasts x along the weight's last axis."""

    def __init__(self, rnn_units, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.W_xh = self.add_weight(shape=[rnn_units, input_dim])  # LD004
        self.W_hh = self.add_weight(shape=[rnn_units, rnn_units])
        self.h = tf.zeros([rnn_units, 1])

    def call(self, x):
        return tf.math.tanh(self.W_hh * self.h + self.W_xh * x)


class BuiltCell(layers.Layer):
    def __init__(self, rnn_units, **kwargs):
        super().__init__(**kwargs)
        self.rnn_units = rnn_units

    def build(self, input_shape):
        self.W_xh = self.add_weight(shape=[self.rnn_units, input_shape[-1]])

    def call(self, x):
        return tf.math.tanh(self.W_xh * x)


def inputs(width):
    return np.ones((width,), "float32")
