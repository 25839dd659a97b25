"""A weight-normalisation wrapper computes `g * v / ||v||` in `build()` and installs it as the wrapped layer's kernel.

In TF Addons' first `WeightNormalization` the wrapper's build created `g` and rewrote the inner
layer's kernel from `v`; a TF change made build-time tensor math fail, and the Keras reviewer
answered that the tensor ops belong in `call()`, not `build()`. Written for Keras 3 with a wrapped
Dense whose `call` reads `self.kernel`: the normalised kernel is a frozen tensor.
"""

SOURCE = "https://github.com/tensorflow/addons/pull/204"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_frozen_weightnorm_wrapper_build.py:
as returned: Functional, count_params() = 91, 5 weights, unbuilt: none
after call: count_params() = 91, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 5 trainable weights: ['weight_normalization/g', 'weight_normalization/normed_dense/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'weight_normalization': 84, 'normed_dense': 78}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class NormedDense(keras.layers.Dense):
    """A Dense whose kernel a wrapper may replace."""

    def call(self, inputs):
        return ops.matmul(inputs, self.effective_kernel) + self.bias


class WeightNormalization(keras.layers.Wrapper):
    def build(self, input_shape):
        self.layer.build(input_shape)
        v = self.layer.kernel
        self.g = self.add_weight(shape=(v.shape[-1],), initializer="ones", name="g")
        self.layer.effective_kernel = self.g * v / ops.sqrt(ops.sum(ops.square(v), axis=0))

    def call(self, inputs):
        return self.layer(inputs)


def build_model():
    inputs = keras.Input((12,))
    hidden = WeightNormalization(NormedDense(6, activation="relu"))(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(hidden))
