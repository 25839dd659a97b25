"""A Keras 3 image-model library's `LayerScale` passes the weight shape positionally to `add_weight`
(`self.add_weight([self.hidden_size], ...)`), reassigns `self.name` after `super().__init__()` and sets
`self.built = True` by hand without `super().build()`: on Keras 3 `gamma` is created, tracked, named
and trained.

From james77777778/keras-image-models (kimm; `kimm/layers/layer_scale.py` at the commit cited), a
Keras 3 port of timm backbones (ViT, ConvNeXt, CaiT-style blocks use LayerScale). `__init__(hidden_size,
initializer=Constant(1e-5), name="layer_scale", **kwargs)` calls `super().__init__(**kwargs)` without
the name and then sets `self.name = name`; `build` makes `gamma` of shape `[hidden_size]` with the shape
as the first positional argument and marks the layer built; `call` is `ops.multiply(inputs, gamma)`.

Why it looks buggy: the first positional argument of `add_weight` is the name in tf.keras 2 and code
written that way crashes on Keras 3 (keras-team/keras#22253, #20299), so a positional first argument
reads like a migration hazard; `name` handled around the `super().__init__()` call (LD013's territory);
`built = True` set by hand (a Myth of RULES.md). Measured: on Keras 3 the first positional parameter is
`shape`, so `gamma` gets shape (32,); the layer is named `layer_scale`, its weight path is
`layer_scale/gamma`, it is counted and gets a gradient.

Porting edits: none. `build_model()` wires `Dense(32) -> LayerScale(32)` functionally on an (8, 32)
token input, as a transformer block scales its branch before the residual add, with one residual `Add`.
"""

SOURCE = "https://github.com/james77777778/keras-image-models/blob/c98226fc53b9f9a43d794ce48f37c6d35fdb8930/kimm/layers/layer_scale.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/okau_kimm_layerscale_positional_shape_add_weight_name_reassigned_built_by_hand.py:
as returned: Functional, count_params() = 1088, 3 weights, unbuilt: none
after call: count_params() = 1088, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layer_scale': 32}
second call: 0 variables watched that the first call did not use
probe (probe_kimm.py): name 'layer_scale', gamma path 'layer_scale/gamma', shape (32,), initial value 1e-05, trainable, in model.trainable_weights."""

import keras
from keras import initializers
from keras import layers
from keras import ops


class LayerScale(layers.Layer):
    def __init__(
        self,
        hidden_size,
        initializer=initializers.Constant(1e-5),
        name="layer_scale",
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.initializer = initializer
        self.name = name

    def build(self, input_shape):
        self.gamma = self.add_weight(
            [self.hidden_size], initializer=self.initializer, name="gamma"
        )
        self.built = True

    def call(self, inputs, training=None, mask=None):
        return ops.multiply(inputs, self.gamma)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "hidden_size": self.hidden_size,
                "initializer": initializers.serialize(self.initializer),
                "name": self.name,
            }
        )
        return config


def build_model():
    inputs = keras.Input(shape=(8, 32))
    x = layers.Dense(32)(inputs)
    x = LayerScale(32)(x)
    outputs = layers.Add()([inputs, x])
    return keras.Model(inputs, outputs)
