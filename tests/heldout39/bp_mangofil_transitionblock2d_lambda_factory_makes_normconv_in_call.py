"""MangoFIL's DenseNet `TransitionBlock2D` keeps a lambda factory in `self.conv` and calls it inside `call()`:
every call builds a fresh NormConv2D (Conv2D + BatchNormalization) that the block never tracks (LD002).

From Pedrexus/MangoFIL at the "shape bug fix" commit (2020-04-21). `TransitionBlock2D.__init__` stores
`self.conv = lambda n: NormConv2D(int(n * reduction), 1, use_bias=False, ...)` because the number of filters
depends on the input channels, and `call()` does `self.conv(int_shape(inputs)[-1])(inputs)` then an
AveragePooling2D. The NormConv2D made in `call()` is a local: never assigned to `self`, so the block and the
model own none of its Conv2D/BatchNormalization variables, and each call (each trace) makes new ones. The author
noticed and fixed it two commits later ("build bug fix", see okbp_mangofil_...): the factory is resolved in `build()`.

Porting edits: none to the classes (NormalizationActivation/NormConv2D copied from the same commit's
`mango/layers/convolution/NormConv2D.py`, `get_config` dropped). build_model() wires a functional model
Input(16, 16, 8) -> TransitionBlock2D(0.5) -> GlobalAveragePooling2D -> Dense(3), a stand-in for the
DenseNet's dense/transition groups.
"""

SOURCE = "https://github.com/Pedrexus/MangoFIL/blob/54d47ae651385ee558ba6cfa61dcdd35f8b73397/mango/layers/dense/blocks/TransitionBlock2D.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/bp_mangofil_transitionblock2d_lambda_factory_makes_normconv_in_call.py:
as returned: Functional, count_params() = 15, 2 weights, unbuilt: none
after call: count_params() = 15, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 3 variables the model does not track: ['functional/transition_block2d/norm_conv2d_1/kernel:0', 'functional/transition_block2d/norm_conv2d_1/gamma:0', 'functional/transition_block2d/norm_conv2d_1/beta:0']
params of the case's own layers: {'transition_block2d': 0}
second call: 3 variables watched that the first call did not use
(only the final Dense's 15 params are counted; the 1x1 Conv2D (32) and BatchNormalization (16) made in call() are
new on every call; no warning or exception printed)"""

import tensorflow as tf
from tensorflow.keras.backend import int_shape
from tensorflow.keras.layers import Layer, Conv2D, BatchNormalization, Activation, AveragePooling2D


class NormalizationActivation(Layer):

    def __init__(self, activation=None, **kwargs):
        super().__init__()
        self.norm = BatchNormalization(**kwargs)
        if activation:
            try:
                self.activation = Activation(activation)
            except KeyError:
                self.activation = activation
        else:
            self.activation = tf.nn.relu

    def call(self, inputs, *args, **kwargs):
        x = self.norm(inputs)
        x = self.activation(x)
        return x


class NormConv2D(NormalizationActivation):

    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid', use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.conv = Conv2D(filters, kernel_size, strides, padding, use_bias=use_bias, activation=None)

    def call(self, inputs, *args, **kwargs):
        x = self.conv(inputs)
        x = super().call(x, *args, **kwargs)
        return x


class TransitionBlock2D(Layer):

    def __init__(self, reduction: float, *args, **kwargs):
        """A building block for a dense block.

        :param growth_rate: float, growth rate at dense layers.
        """
        super().__init__()
        self.conv = lambda n: NormConv2D(int(n * reduction), 1, use_bias=False, *args, **kwargs)
        self.pool = AveragePooling2D(pool_size=2, strides=2)

    def call(self, inputs, *args, **kwargs):
        shape = int_shape(inputs)[-1]
        x = self.conv(shape)(inputs)  # channels last
        x = self.pool(x)
        return x


def build_model():
    inputs = tf.keras.Input(shape=(16, 16, 8))
    x = TransitionBlock2D(0.5)(inputs)
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    outputs = tf.keras.layers.Dense(3)(x)
    return tf.keras.Model(inputs, outputs)
