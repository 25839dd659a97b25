"""A layer builds a weight-sharing matrix from its variables once, in `build()`, and `call()` uses that cached tensor: "Gradients do not exist" for the weights.

Stack Overflow question 59726491 ("Cannot fit keras model which uses tf.gather (Gradients do
not exist)"): `GatherLayer` creates `w` (2,) and `b` with add_weight, then in `build()` computes
`self.m = tf.concat([tf.reshape(tf.gather(self.w, ix), (-1, 1)) for ix in [[0, 1], [1, 0]]], -1)`
so that outputs are [i1*w1 + i2*w2, i1*w2 + i2*w1]. `call()` does `matmul(inputs, self.m) + b`.
GradientTape on the eager layer seemed fine to the asker, but in a Sequential model fit warns
"Gradients do not exist for variables ['.../weights:0']": `m` is a constant snapshot of w.
"""

SOURCE = "http://quabr.com/59726491/cannot-fit-keras-model-which-uses-tf-gather-gradients-do-not-exist"
CODES = ("LD010", "LD009")  # a frozen copy of the weight used in its place (LD010); the weight gets no gradient (LD009)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py s_gather_layer_matrix_cached_in_build.py:
as returned: Sequential, count_params() = 3, 2 weights, unbuilt: none
after call: count_params() = 3, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 2 trainable weights: ['sequential/gather_layer/weights']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gather_layer': 3}
second call: 0 variables watched that the first call did not use
self.m is a constant snapshot of w taken in build(); call() never reads w."""

import numpy as np
import tensorflow as tf


class GatherLayer(tf.keras.layers.Layer):
    def __init__(self, activation='linear', **kwargs):
        super(GatherLayer, self).__init__(**kwargs)
        self.activation = tf.keras.activations.get(activation)

    def build(self, _):
        self.w = self.add_weight(
            shape=(2,), name='weights', initializer='random_normal', trainable=True)
        self.b = self.add_weight(
            shape=(1,), name='offset', initializer='random_normal', trainable=True)
        self.m = tf.concat(
            [tf.reshape(tf.gather(self.w, ix), (-1, 1)) for ix in [[0, 1], [1, 0]]], axis=-1)

    def call(self, inputs):
        lin = tf.matmul(inputs, self.m) + self.b
        return self.activation(lin)

    def get_config(self):
        config = super(GatherLayer, self).get_config()
        return config


def gen_data():
    x = np.random.random((100, 2)).astype('float32')
    w = np.array([[0.3, 0.7], [0.7, 0.3]], dtype='float32')
    y = x @ w + 0.1
    return x, y


def build_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(2,)),
        GatherLayer(),
    ])
    model.compile(optimizer='adam', loss='mse')
    return model
