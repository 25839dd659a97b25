"""A Deep semi-NMF layer that builds its factor matrices as backend variables and keeps them in a Python list attribute.

The Keras 1 report's `NMFLayer.build()` creates `Z_i, H` with `K.variable(0.08 * np.random.rand(...))`
in a helper and appends them to a list on the layer; the factors are then multiplied in `call()`.
Ported: the helper makes `tf.Variable`s (what `K.variable` was on TensorFlow) into `self.factors`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/3229"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld003_deep_nmf_factor_variables_list.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 3 variables the model does not track: ['nmf_layer/z_0:0', 'nmf_layer/z_1:0', 'nmf_layer/h_1:0']
params of the case's own layers: {'nmf_layer': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import keras


def init_weights(rows, cols, num_components, i):
    Z = tf.Variable(0.08 * np.random.rand(rows, num_components).astype("float32"), name=f"z_{i}")
    H = tf.Variable(0.08 * np.random.rand(num_components, cols).astype("float32"), name=f"h_{i}")
    return Z, H


class NMFLayer(keras.layers.Layer):
    def __init__(self, components, **kwargs):
        super().__init__(**kwargs)
        self.components = components

    def build(self, input_shape):
        self.factors = []
        rows = input_shape[-1]
        for i, k in enumerate(self.components):
            Z, H = init_weights(rows, rows, k, i)
            self.factors.append(Z)
            rows = k
        self.factors.append(H)

    def call(self, x):
        h = tf.nn.relu(self.factors[-1])
        for z in reversed(self.factors[1:-1]):
            h = tf.nn.relu(tf.matmul(z, h))
        return tf.matmul(x, tf.matmul(self.factors[0], h))


def build_model():
    inputs = keras.Input((12,))
    return keras.Model(inputs, NMFLayer([8, 4])(inputs))
