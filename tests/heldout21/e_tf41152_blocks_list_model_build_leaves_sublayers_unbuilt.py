"""A subclassed model keeps three Conv2D+BatchNorm blocks in a Python list and is "built" with
`b.build((1, 128, 128, 3))` before its weights are listed.

From tensorflow/tensorflow issue #41152 (the asker was puzzled by the order of the BatchNorm moving
statistics in `b.weights`). On Keras 3 the list is tracked, but `Model.build(shape)` on a subclass
without its own `build()` no longer traces `call()`: Keras warns that the model "looks like it has
unbuilt state", marks it built anyway, and every block, Conv2D and BatchNormalization stays unbuilt,
so `b.weights` is empty and `count_params()` is 0 until the model is called on data.

Porting edits: `tf.keras` -> `keras`; the input is 16x16 instead of 128x128 and the weights listing
is the `build_model()` result.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/41152"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/e_tf41152_blocks_list_model_build_leaves_sublayers_unbuilt.py:
warning: `build()` was called on layer 'b', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not b
as returned: B, count_params() = 0, 0 weights, unbuilt: ['A:a0', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d', 'A:a1', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_1', 'A:a2', 'BatchNormalization:batch_normalization_2', 'Conv2D:conv2d_2']
after call: count_params() = 19776, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'a0': 1024, 'a1': 9376, 'a2': 9376}
second call: 0 variables watched that the first call did not use"""

import keras
from keras.layers import Conv2D, BatchNormalization


class A(keras.layers.Layer):
    def __init__(self, name):
        super(A, self).__init__(name=name)
        self.conv = Conv2D(32, 3)
        self.bn = BatchNormalization()

    def call(self, x):
        x = self.conv(x)
        x = self.bn(x)
        return x


class B(keras.Model):
    def __init__(self):
        super(B, self).__init__()
        self.blocks = []
        for i in range(3):
            self.blocks.append(A(f'a{i}'))

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


def build_model():
    import numpy as np

    b = B()
    b.build((1, 16, 16, 3))
    return b, np.random.default_rng(0).random((1, 16, 16, 3)).astype("float32")
