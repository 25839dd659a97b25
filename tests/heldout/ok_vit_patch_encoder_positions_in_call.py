"""The ViT example's `PatchEncoder`: position ids made with `ops.arange` in `call()` and fed to an Embedding; an `mlp` helper makes fresh Dense layers per call.

Position indices built as a constant in `call()` and a helper function that adds Dense layers each
time it is called both look like state made in the wrong place; here they are correct: the ids carry no
state, and each `mlp(...)` call creates layers that belong to the functional model.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/vision/image_classification_with_vision_transformer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_vit_patch_encoder_positions_in_call.py:
as returned: Functional, count_params() = 27882, 37 weights, unbuilt: none
after call: count_params() = 27882, 37 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 37 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patch_encoder': 2080}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def mlp(x, hidden_units, dropout_rate):
    for units in hidden_units:
        x = layers.Dense(units, activation=keras.activations.gelu)(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


class PatchEncoder(layers.Layer):
    def __init__(self, num_patches, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.num_patches = num_patches
        self.projection = layers.Dense(units=projection_dim)
        self.position_embedding = layers.Embedding(input_dim=num_patches, output_dim=projection_dim)

    def call(self, patch):
        positions = ops.expand_dims(ops.arange(start=0, stop=self.num_patches, step=1), axis=0)
        return self.projection(patch) + self.position_embedding(positions)


def build_model(num_patches=16, patch_dim=48, projection_dim=32):
    patches = keras.Input((num_patches, patch_dim))
    encoded = PatchEncoder(num_patches, projection_dim)(patches)
    for _ in range(2):
        x1 = layers.LayerNormalization(epsilon=1e-6)(encoded)
        attention = layers.MultiHeadAttention(num_heads=2, key_dim=projection_dim, dropout=0.1)(x1, x1)
        x2 = layers.Add()([attention, encoded])
        x3 = layers.LayerNormalization(epsilon=1e-6)(x2)
        x3 = mlp(x3, hidden_units=[projection_dim * 2, projection_dim], dropout_rate=0.1)
        encoded = layers.Add()([x3, x2])
    representation = layers.GlobalAveragePooling1D()(encoded)
    return keras.Model(patches, layers.Dense(10)(representation))
