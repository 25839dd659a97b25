"""A non-trainable "random filter" convolution draws a fresh kernel with `keras.random.normal` in every
`call()`.

The report wants a convolution whose filter is random, resampled at each iteration and never trained
(a random-filtering augmentation, not a weight). Written as a Keras 3 layer: `call()` samples the kernel
with a `SeedGenerator` owned by the layer and applies it with `ops.conv`. A kernel-shaped random tensor
made in `call()` looks like state created in `call()`, but here it is meant to be data.
"""

SOURCE = "https://github.com/keras-team/keras/issues/14087"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_random_filter_conv_resampled_each_call.py:
as returned: Functional, count_params() = 314, 4 weights, unbuilt: none
after call: count_params() = 314, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'random_filter_conv2d': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class RandomFilterConv2D(keras.layers.Layer):
    def __init__(self, filters, kernel_size, stddev=0.1, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.stddev = stddev
        self.seed_generator = keras.random.SeedGenerator(21)

    def call(self, x):
        shape = (self.kernel_size, self.kernel_size, x.shape[-1], self.filters)
        kernel = keras.random.normal(shape, stddev=self.stddev, seed=self.seed_generator)
        return ops.conv(x, kernel, padding="same")


def build_model():
    images = keras.Input((16, 16, 3))
    x = RandomFilterConv2D(4, 3)(images)
    x = keras.layers.Conv2D(8, 3, activation="relu")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(images, keras.layers.Dense(2)(x))
