"""Layers whose build() calls `super().build(input_shape)` first and only then creates weights with add_weight.

In tf.keras 2 graph mode calling `super().build()` early set `self.built = True` and the following
`add_weight` could fail, so guides told users to call it last. Keras Core's change "Always save the
build config when building a layer" made build() lock the layer's state ("You cannot add new
elements of state ... to a layer that is already built"), which makes early `super().build()` look
fatal. On Keras 3 the lock is applied by the wrapper *after* the user's whole build() returns, so
weights created after the early super().build() are tracked, counted and trained; a layer built
explicitly by its parent is also fine.
"""

SOURCE = "https://github.com/keras-team/keras-core/pull/820"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py okt_super_build_before_add_weight.py:
as returned: Functional, count_params() = 81, 6 weights, unbuilt: none
after call: count_params() = 81, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'block': 72, 'scaled_linear': 56, 'scaled_linear_1': 9}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class ScaledLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        super().build(input_shape)  # marks the layer built before any weight exists
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.units),
                                      initializer="glorot_uniform")
        self.scale = self.add_weight(name="scale", shape=(self.units,), initializer="ones")

    def call(self, x):
        return ops.matmul(x, self.kernel) * self.scale

    def get_config(self):
        return {**super().get_config(), "units": self.units}


class Block(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.proj = ScaledLinear(units)
        self.norm = keras.layers.LayerNormalization()

    def build(self, input_shape):
        super().build(input_shape)
        self.proj.build(input_shape)
        self.norm.build(input_shape[:-1] + (self.proj.units,))

    def call(self, x):
        return self.norm(ops.relu(self.proj(x)))


def build_model():
    inputs = keras.Input(shape=(6,))
    x = Block(8)(inputs)
    outputs = ScaledLinear(1)(x)
    return keras.Model(inputs, outputs)
