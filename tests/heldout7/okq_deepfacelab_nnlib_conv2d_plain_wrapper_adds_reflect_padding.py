"""DeepFaceLab's `nnlib.Conv2D` is a plain Python class that holds a Keras `Conv2D` and, in `__call__`, creates a new `ReflectionPadding2D` layer before applying it: correct on Keras 3 when used to wire a functional model.

iperov/DeepFaceLab#238 asks where `padding='zero'` comes from; the reporter found it in `nnlib`:
`Conv2D` there is not a Keras layer but a small wrapper class. Its `__init__` rewrites the padding
argument ('zero' -> 'same'; 'reflect' -> 'valid' plus a pad width) and stores
`self.func = keras.layers.Conv2D(*args, **kwargs)`; its `__call__(x)` instantiates
`ReflectionPadding2D(self.pad)` on every call and then applies `self.func`. Keras layers kept in a
non-Keras object and a layer created at call time look like untracked state, but the wrapper is only
ever called on symbolic tensors while building a functional model: each padding layer and each
Conv2D becomes a node of that model, so all kernels are counted and trained.
"""

SOURCE = "https://github.com/iperov/DeepFaceLab/issues/238"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okq_deepfacelab_nnlib_conv2d_plain_wrapper_adds_reflect_padding.py:
as returned: Functional, count_params() = 6144, 6 weights, unbuilt: none
after call: count_params() = 6144, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reflection_padding2d': 0, 'reflection_padding2d_1': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


class ReflectionPadding2D(keras.layers.Layer):
    def __init__(self, padding=(1, 1), **kwargs):
        self.padding = tuple(padding)
        super(ReflectionPadding2D, self).__init__(**kwargs)

    def compute_output_shape(self, s):
        """If you are using "channels_last" configuration"""
        return (s[0], s[1] + 2 * self.padding[0], s[2] + 2 * self.padding[1], s[3])

    def call(self, x, mask=None):
        w_pad, h_pad = self.padding
        return tf.pad(x, [[0, 0], [h_pad, h_pad], [w_pad, w_pad], [0, 0]], "REFLECT")


class Conv2D():
    def __init__(self, *args, **kwargs):
        self.reflect_pad = False
        padding = kwargs.get("padding", "")
        if padding == "zero":
            kwargs["padding"] = "same"
        if padding == "reflect":
            kernel_size = kwargs["kernel_size"]
            if (kernel_size % 2) == 1:
                self.pad = (kernel_size // 2,) * 2
                kwargs["padding"] = "valid"
                self.reflect_pad = True
        self.func = keras.layers.Conv2D(*args, **kwargs)

    def __call__(self, x):
        if self.reflect_pad:
            x = ReflectionPadding2D(self.pad)(x)
        return self.func(x)


def build_model():
    # a DeepFaceLab-style encoder stem: downscale blocks built from nnlib.Conv2D
    def downscale(dim):
        def func(x):
            return keras.layers.LeakyReLU(0.1)(Conv2D(dim, kernel_size=5, strides=2, padding="reflect")(x))
        return func

    inp = keras.Input(shape=(32, 32, 3))
    x = downscale(8)(inp)
    x = downscale(16)(x)
    x = Conv2D(16, kernel_size=3, padding="zero")(x)
    return keras.Model(inp, x)
