"""A Keras layer delegates to a helper `tf.Module` that owns two `keras.Variable`s: the layer never sees them.

The report mixes Keras and `tf.Module`: a `MockLayer(tf.Module)` creates `tf.keras.Variable(...)`
weights in `__init__`, and `trainable_variables` comes back empty. Rewritten as the user's real use:
a `keras.layers.Layer` holds the module as an attribute and calls it, so the module's Keras variables
are invisible to the layer and the model (Keras 3 tracks layers, variables and containers of them,
not `tf.Module`s).
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/84019"
CODES = ("LD011",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld011_tf_module_helper_keras_variables.py:
as returned: Functional, count_params() = 6, 2 weights, unbuilt: none
after call: count_params() = 6, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['m:0', 'gate:0']
params of the case's own layers: {'mixer_block': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


class GatedMixer(tf.Module):
    def __init__(self, dim, name=None):
        super().__init__(name=name)
        self.m = keras.Variable(keras.random.normal((dim, dim), seed=1), name="m")
        self.gate = keras.Variable(keras.ops.zeros((dim,)), name="gate")

    def __call__(self, x):
        return keras.ops.matmul(x, self.m) * keras.ops.sigmoid(self.gate)


class MixerBlock(keras.layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.mixer = GatedMixer(dim)

    def call(self, x):
        return x + self.mixer(x)


def build_model():
    inputs = keras.Input((5,))
    x = MixerBlock(5)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
