"""Sub-model keeps a list of Dense/LayerNorm pairs but `call()` skips the first two pairs.

keras#18823: weights saved from tf.keras 2.12 would not load into the Keras 3 port of the
model: "Layer 'dense' was never built and thus it doesn't have any variables. However the
weights file lists 2 variables for this layer." The cause is in `SubModel.call()`: the loop
`continue`s for `i < 2`, so those Dense and LayerNormalization layers are never called and
never built, while tf.keras 2 had saved (unused) variables for them.
"""

SOURCE = "https://github.com/keras-team/keras/issues/18823"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
the first call (inside build_model) prints the UserWarning "`build()` was called on layer
'sub_model', however the layer does not have a `build()` method implemented and it looks like it has
unbuilt state" (once per SubModel); afterwards count_params() == 5,633 and in each SubModel the first
two Dense and the first two LayerNormalization layers are still unbuilt (8 unbuilt layers in total,
summary rows "0 (unbuilt)"); a second call on a (2, 8) batch changes nothing."""

import keras
from keras import layers, ops


class SubModel(keras.Model):
    def __init__(self, num_layer_norm):
        super().__init__()
        self.dense_layers = [layers.Dense(64, activation="relu") for _ in range(num_layer_norm)]
        self.layer_norms = [layers.LayerNormalization() for _ in range(num_layer_norm)]
        self.output_layer = layers.Dense(32, activation="relu")

    def call(self, inputs):
        x = inputs
        for i, (dense, layer_norm) in enumerate(zip(self.dense_layers, self.layer_norms)):
            if i < 2:
                continue
            x = dense(x)
            x = layer_norm(x)
        return self.output_layer(x)


class CombinedModel(keras.Model):
    def __init__(self, num_submodels, num_layer_norm):
        super().__init__()
        self.submodels = [SubModel(num_layer_norm) for _ in range(num_submodels)]
        self.head = layers.Dense(1)

    def call(self, inputs):
        outputs = [submodel(inputs) for submodel in self.submodels]
        return self.head(ops.concatenate(outputs, axis=-1))


def build_model():
    model = CombinedModel(num_submodels=2, num_layer_norm=3)
    model(ops.ones((1, 8)))
    return model
