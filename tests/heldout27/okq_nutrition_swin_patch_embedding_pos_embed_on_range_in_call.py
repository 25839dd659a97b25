"""A Swin-style `PatchEmbedding` layer: a `Dense` projection plus a learned position `Embedding`
called on `tf.range(num_patch)` inside `call()` and added to the projected patches.

From kurupdeepak/nutrition (`core/transformer/swin/patch_embedding.py`, the keras.io Swin example's
layer). Looks like the "position embedding evaluated on a concrete range" trap (a table layer
called on a constant, not on the model input), but the call happens inside the layer's own
`call()`, so the table is a tracked weight of the layer, part of the model and trained.

Porting edits: `tf.keras` -> `keras` for the layers; 6 patches of 12 features, embed_dim 8;
`build_model()` wires it between a patch input and a pooling head as the Swin model does.
"""

SOURCE = "https://github.com/kurupdeepak/nutrition/blob/c266c3e9b871fa90081ff355f62ec8eacc1a938f/core/transformer/swin/patch_embedding.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okq_nutrition_swin_patch_embedding_pos_embed_on_range_in_call.py:
as returned: Functional, count_params() = 179, 5 weights, unbuilt: none
after call: count_params() = 179, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patch_embedding': 152}
second call: 0 variables watched that the first call did not use
(152 = proj 12*8+8 + position table 6*8; the table is counted and gets a gradient.)"""

import tensorflow as tf
import keras


class PatchEmbedding(keras.layers.Layer):
    def __init__(self, num_patch, embed_dim, **kwargs):
        super(PatchEmbedding, self).__init__(**kwargs)
        self.num_patch = num_patch
        self.proj = keras.layers.Dense(embed_dim)
        self.pos_embed = keras.layers.Embedding(input_dim=num_patch, output_dim=embed_dim)

    def call(self, patch):
        pos = tf.range(start=0, limit=self.num_patch, delta=1)
        return self.proj(patch) + self.pos_embed(pos)


def build_model():
    inputs = keras.Input((6, 12))
    x = PatchEmbedding(6, 8)(inputs)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(3)(x)
    return keras.Model(inputs, outputs)
