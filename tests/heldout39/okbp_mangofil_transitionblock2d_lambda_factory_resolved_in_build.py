"""MangoFIL's fixed `TransitionBlock2D` still keeps a lambda factory in `self.conv`, but replaces it with the
NormConv2D it returns in `build()` (`self.conv = self.conv(n)`): the sublayer is assigned to self and tracked.

From Pedrexus/MangoFIL at the "build bug fix" commit (2020-04-21), the author's fix of the call-time factory
(bp_mangofil_...). A naive checker sees a lambda stored on self, an attribute rebound in `build()` from a call of
itself (looks like LD010's "variable shadowed"), a `build()` without `super().build()` and without building
`self.pool`: on Keras 3 the NormConv2D is assigned before the layer is built, is tracked, and is built by the
first symbolic call together with the pool, so its Conv2D/BatchNormalization weights are counted and trained.

Porting edits: none to the classes (NormalizationActivation/NormConv2D from the same commit, `get_config`
dropped). build_model() wires the same functional model as the buggy case: Input(16, 16, 8) ->
TransitionBlock2D(0.5) -> GlobalAveragePooling2D -> Dense(3).
"""

SOURCE = "https://github.com/Pedrexus/MangoFIL/blob/c73b96318258b57de09b28015341d4f436bb2ecf/mango/layers/dense/blocks/TransitionBlock2D.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/okbp_mangofil_transitionblock2d_lambda_factory_resolved_in_build.py:
as returned: Functional, count_params() = 63, 7 weights, unbuilt: none
after call: count_params() = 63, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'transition_block2d': 48, 'norm_conv2d': 48}
second call: 0 variables watched that the first call did not use
(no warning or exception printed)"""

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
        self.reduction = reduction
        self.conv = lambda n: NormConv2D(int(n * reduction), 1, use_bias=False, *args, **kwargs)
        self.pool = AveragePooling2D(pool_size=2, strides=2)

    def build(self, input_shape):
        # self.conv.conv.filters = int(input_shape[-1] * self.reduction)
        self.conv = self.conv(int(input_shape[-1]))

    def call(self, inputs, *args, **kwargs):
        x = self.conv(inputs)  # channels last
        x = self.pool(x)
        return x


def build_model():
    inputs = tf.keras.Input(shape=(16, 16, 8))
    x = TransitionBlock2D(0.5)(inputs)
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    outputs = tf.keras.layers.Dense(3)(x)
    return tf.keras.Model(inputs, outputs)
