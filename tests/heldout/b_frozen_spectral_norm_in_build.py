"""Spectral normalisation of a Dense kernel computed once in `build()` and stored as the kernel `call()` uses.

The SpectralNormalizationKeras issue ("Normalization in each iteration?") found the normalised kernel
was computed once; the author: "Sorry that I was misunderstood call and build of keras layers" and
moved the power iteration into `call()`. This is the first version, written for Keras 3.
"""

SOURCE = "https://github.com/IShengFang/SpectralNormalizationKeras/issues/1"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_frozen_spectral_norm_in_build.py:
as returned: Functional, count_params() = 737, 5 weights, unbuilt: none
after call: count_params() = 737, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 4 trainable weights: ['dense_sn/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_sn': 704}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class DenseSN(keras.layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self.u = self.add_weight(shape=(1, self.units), initializer="random_normal", trainable=False, name="sn_u")
        w = self.kernel
        v = ops.normalize(ops.matmul(self.u, ops.transpose(w)), axis=-1)
        u = ops.normalize(ops.matmul(v, w), axis=-1)
        sigma = ops.sum(ops.matmul(ops.matmul(v, w), ops.transpose(u)))
        self.kernel_sn = w / sigma

    def call(self, inputs):
        return self.activation(ops.matmul(inputs, self.kernel_sn) + self.bias)


def build_model():
    inputs = keras.Input((20,))
    x = DenseSN(32, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
