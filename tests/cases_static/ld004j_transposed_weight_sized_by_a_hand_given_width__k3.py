# LD004 fixed-input-dim-in-init: a PyTorch-layout weight `(4, units, inp_shape)` made in __init__ from a
# hand-given input width and applied transposed in call() (`x @ W[k].T`): the width is its LAST axis
# (tests/heldout32, PoeticAI's LSTM cell). Measured on Keras 3.15.1 + TF 2.21 (/tmp/p35/probe_more.py):
# works at width 6, InvalidArgumentError at width 7. The twin's last axis is its output, and its first axis meets
# the output of its own Dense(units), not the input: no finding (measured: runs at input widths 6 and 7).
import keras
import tensorflow as tf


class TransposedCell(keras.layers.Layer):
    def __init__(self, units, inp_shape):
        super().__init__()
        self.units = units
        self.inp_shape = inp_shape
        self.W = self.add_weight(name="W", shape=(4, self.units, self.inp_shape))  # LD004

    def call(self, x):
        return tf.matmul(x, tf.transpose(self.W[0]))


class OutputSizedCell(keras.layers.Layer):
    def __init__(self, units, input_dim_out):
        super().__init__()
        self.proj = keras.layers.Dense(units)
        self.V = self.add_weight(name="V", shape=(units, input_dim_out))

    def call(self, x):
        h = self.proj(x)
        return tf.matmul(h, self.V)


def build_model():
    inputs = keras.Input((6,))
    return keras.Model(inputs, [TransposedCell(8, 6)(inputs), OutputSizedCell(6, 5)(inputs)])
