"""Correct: a sparse convolution keeps a fixed random boolean mask, drawn in `build()`, and masks its kernel in `call()`.

The page on "custom sparse CNN layers with dynamic weight masking" shows `self.mask =
tf.random.uniform(kernel.shape) > 0.5` stored in `build` and `tf.where(self.mask, self.kernel, 0)`
in `call`, and claims gradients cannot flow. On Keras 3 the mask is a constant buffer (not a
weight) and the kernel is read in `call`, so the kept entries train.
"""

SOURCE = "https://taourl.com/read-2677544.html"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_sparse_conv_random_mask_in_build.py:
as returned: Functional, count_params() = 79, 3 weights, unbuilt: none
after call: count_params() = 79, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sparse_conv1d': 72}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class SparseConv1D(keras.layers.Layer):
    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(self.kernel_size, input_shape[-1], self.filters),
                                      name="kernel")
        self.mask = keras.random.uniform(self.kernel.shape, seed=3) > 0.5

    def call(self, inputs):
        masked_kernel = ops.where(self.mask, self.kernel, ops.zeros_like(self.kernel))
        return ops.conv(inputs, masked_kernel, padding="same")


def build_model():
    signal = keras.Input((16, 4))
    x = SparseConv1D(6, 3)(signal)
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model(signal, keras.layers.Dense(1)(x))
