"""Kerex's Keras 3 `WeightNormalization` wrapper writes `g * normalize(v)` into the wrapped layer with `set_weights()` inside call(): an assignment, not an op on the tape, so its own trainable `v` and `g` never get a gradient.

From the `kerex` package ("Keras Extensions ... for the Keras3 framework", PyPI kerex 1.1.5),
`src/kerex/layers/wrapper/weight_normalization.py`. `build()` calls `super().build()` (which builds the wrapped
layer) and adds `v` (shape of the wrapped kernel) and `g` (shape of its bias) with `add_weight`; `call()` computes
`norm_v = ops.normalize(self.v, axis=0)` and then `self.layer.set_weights([self.g * norm_v, self.layer.bias])`
before `return self.layer(inputs)`. `set_weights` assigns values into the wrapped Dense's kernel variable, so the
output depends on `v` and `g` only through an assignment: both are counted as trainable but the optimizer never
moves them, and the wrapped kernel (which does get gradients) is overwritten on every call. Under a compiled
`fit` (tf.function) `set_weights` cannot even turn the traced tensor into values.

Porting edits: none (the class is copied as written, docstrings shortened). build_model() wraps a `Dense(8)` on a
4-feature input in a functional model followed by a `Dense(1)` head, as a user of the wrapper would.
"""

SOURCE = "https://github.com/pypi-data/pypi-mirror-391/blob/93ec0178f8bca27e6de26040717acf86056a5061/packages/kerex/kerex-1.1.5.tar.gz/kerex-1.1.5/src/kerex/layers/wrapper/weight_normalization.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bk/bk_kerex_weightnormalization_set_weights_in_call_v_and_g_get_no_gradient.py:
as returned: Functional, count_params() = 89, 6 weights, unbuilt: none
after call: count_params() = 89, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['dense_wn_weight_normalization/variable', 'dense_wn_weight_normalization/variable_1']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_wn_weight_normalization': 80}
second call: 0 variables watched that the first call did not use
probe (probe_bk_kerex.py): model.fit(run_eagerly=True) for 2 epochs on 16 random rows: v moved 0.0, g moved 0.0; Keras warns "Gradients do not exist for variables ['dense_wn_weight_normalization/variable_2', 'dense_wn_weight_normalization/variable_3']"; a compiled (tf.function) fit runs without error and prints the same warning."""

import keras
from keras import layers
from keras import ops
from keras import saving


@saving.register_keras_serializable(package="Kerex.Layers.Wrapper", name="WeightNormalization")
class WeightNormalization(layers.Wrapper):
    """
    Weight Normalization wrapper for any Keras `layer`.

    It replaces the original weights `w` with a normalized weight `v` that is multiplied by a bias `g`:
    `w -> g * v`
    The original layer bias `b` remains untouched.
    """

    def __init__(self, layer, name="weight_normalization", **kwargs):
        name = '_'.join([layer.name, name])
        super().__init__(layer=layer, name=name, **kwargs)

    def build(self, input_shape):
        """Builds all sub-modules and sets `self.built=True`."""

        super().build(input_shape=input_shape)
        self.v = self.add_weight(shape=self.layer.kernel.shape, initializer=self.layer.kernel_initializer, trainable=True)
        self.g = self.add_weight(shape=self.layer.bias.shape, initializer='ones', trainable=True)

    def call(self, inputs):
        """Replaces the original weights `w` with `g * v`; the original layer bias `b` remains untouched."""
        norm_v = ops.normalize(self.v, axis=0)
        self.layer.set_weights([self.g * norm_v, self.layer.bias])
        return self.layer(inputs)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return self.layer.compute_output_shape(input_shape)


def build_model():
    inputs = keras.Input((4,))
    x = WeightNormalization(layers.Dense(8, activation="relu", name="dense_wn"))(inputs)
    outputs = layers.Dense(1, name="head")(x)
    return keras.Model(inputs, outputs)
