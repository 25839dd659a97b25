"""An nd-MLP-Mixer's `ResidualLayers` keeps its stacked blocks the torch way, as a plain Python list
built by a factory (`self.layers = [make_layer() for _ in range(num_layers)]`, the stand-in for an
`nn.ModuleList`), and loops over it in `call()` with a residual add.

From nowinder/code (`nd_mlp_mixer/layers.py`, the author's copy of the nd-mlp-mixer helpers, with a
Chinese note asking whether they are used at all). Looks like the "layers in a plain list are not
tracked" trap, with the list stored under the name `layers` (a property name on `keras.Model`). On
Keras 3 a list assigned to a Layer attribute is wrapped and tracked: every block made by the factory
is counted, built on its first call and trained.

Porting edits: `tf.keras.layers.Layer` -> `keras.layers.Layer`; `build_model()` wires
`ResidualLayers(2, make_layer)` with `make_layer` returning a small token-mixing MLP (two `Dense` of
width 8, as in the mixer's channel MLP) on an (8, 8) input, then a `Layers(1, ...)` head.
"""

SOURCE = "https://github.com/nowinder/code/blob/4c51dfc7830489869b70dc81d3a0bd3699a59665/nd_mlp_mixer/layers.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okah_ndmlpmixer_residual_layers_list_named_layers.py:
as returned: Functional, count_params() = 324, 10 weights, unbuilt: none
after call: count_params() = 324, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_layers': 288, 'layers': 36}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine31b/probe_fit.py, SGD(0.1), mse, one fit step): fit ok, 10/10 trainable weights
change; both `self.layers` attributes are TrackedList (2 blocks, 288 params; 1 Dense, 36 params)."""

import keras


class Layers(keras.layers.Layer):
    def __init__(self, num_layers, make_layer):
        super().__init__()
        self.layers = [make_layer() for _ in range(num_layers)]

    def call(self, inputs):
        h = inputs
        for layer in self.layers:
            h = layer(h)
        return h


class ResidualLayers(keras.layers.Layer):
    def __init__(self, num_layers, make_layer):
        super().__init__()
        self.layers = [make_layer() for _ in range(num_layers)]

    def call(self, inputs):
        h = inputs
        for layer in self.layers:
            h = h + layer(h)
        return h


def build_model():
    def make_layer():
        return keras.Sequential([keras.layers.Dense(8, activation="gelu"), keras.layers.Dense(8)])

    inputs = keras.Input((8, 8))
    h = ResidualLayers(2, make_layer)(inputs)
    h = Layers(1, lambda: keras.layers.Dense(4))(h)
    return keras.Model(inputs, h)
