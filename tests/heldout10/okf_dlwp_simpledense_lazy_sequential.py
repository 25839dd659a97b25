"""Deep Learning with Python's `SimpleDense` stacked in a `Sequential` with no input shape: unbuilt until the first batch.

Chapter 3 of Deep Learning with Python (2nd ed., Korean edition page on automatic shape inference)
moves weight creation from `NaiveDense.__init__` into `build()` and shows that a Sequential of four
`SimpleDense` layers needs no input sizes: the base `__call__` builds each layer on first use. As
returned, the model has no weights and `count_params()` refuses (every layer "unbuilt"), which
looks like the unbuilt-sublayer bug; after the first call all four layers are built, tracked and
trained. Activations are passed as callables, as in the chapter's `SimpleDense(units=32,
activation=tf.nn.relu)` listing (the layer calls `self.activation` directly).
"""

SOURCE = "https://thebook.io/080315/0164"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okf_dlwp_simpledense_lazy_sequential.py:
as returned: Sequential, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['SimpleDense:simple_dense', 'SimpleDense:simple_dense_1', 'SimpleDense:simple_dense_2', 'SimpleDense:simple_dense_3']
after call: count_params() = 29642, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'simple_dense': 25120, 'simple_dense_1': 2112, 'simple_dense_2': 2080, 'simple_dense_3': 330}
second call: 0 variables watched that the first call did not use
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class SimpleDense(keras.layers.Layer):

    def __init__(self, units, activation=None):
        super().__init__()
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units),
                                 initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,),
                                 initializer="zeros")

    def call(self, inputs):
        y = tf.matmul(inputs, self.W) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y


def build_model():
    model = keras.Sequential([
        SimpleDense(32, activation=tf.nn.relu),
        SimpleDense(64, activation=tf.nn.relu),
        SimpleDense(32, activation=tf.nn.relu),
        SimpleDense(10, activation=tf.nn.softmax),
    ])
    images = np.random.default_rng(0).random((2, 28 * 28)).astype("float32")
    return model, images
