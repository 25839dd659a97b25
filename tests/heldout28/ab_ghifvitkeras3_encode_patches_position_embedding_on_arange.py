"""A Keras 3 ViT for CIFAR-100 whose functional helper `encode_patches()` calls a fresh position
`Embedding` on a concrete `ops.arange` tensor while the model is being wired, so the position table
is evaluated once, outside the graph, and never becomes part of the model.

From ghif/vit-keras3 (`models_vit.py`, the function-based rewrite of the repository's `PatchEncoder`
layer in `models.py`). `positions` does not depend on the `keras.Input`, so
`layers.Embedding(...)(positions)` runs eagerly and returns a constant tensor that is added to the
projection: the Embedding's table is not counted, not trained and not saved.

Porting edits: the helper chain (`normalize_and_resize` -> `extract_patches` -> `encode_patches` ->
`vit_encoder`) is kept; in `encoder1d_block` the author's second LayerNorm line
`x = layers.LayerNormalization(...)(inputs)` followed by `mlp_block(y, ...)` (a NameError in the stored
version) is replaced by `y = layers.LayerNormalization(...)(x)`, the commented-out line next to it;
16x16x3 images, patch 8 (4 patches, hidden 192), one encoder block, 2 heads, mlp_dim 32, 10 classes.
"""

SOURCE = "https://github.com/ghif/vit-keras3/blob/3b88fec41bb386559748f3e12bf2e1e971e872b1/models_vit.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/ab_ghifvitkeras3_encode_patches_position_embedding_on_arange.py:
as returned: Functional, count_params() = 198567, 21 weights, unbuilt: none
after call: count_params() = 198567, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine28/b/probe_vit.py): no Embedding among the model's layers and no weight path containing
'embed'; the 4x192 = 768-entry position table the author meant to learn is a constant folded into the graph."""

import keras
from keras import layers
from keras import ops


def extract_patches(images, patch_size):
    (_, height, width, channels) = ops.shape(images)
    num_patches_h = height // patch_size
    num_patches_w = width // patch_size
    patches = ops.image.extract_patches(
        images,
        size=patch_size
    )
    patches = keras.layers.Reshape((num_patches_h * num_patches_w, patch_size * patch_size * channels))(patches)
    return patches


def encode_patches(patch, num_patches, projection_dim):
    positions = ops.expand_dims(
        ops.arange(start=0, stop=num_patches, step=1), axis=0
    )
    projection = layers.Dense(units=projection_dim)(patch)
    position_embedding = layers.Embedding(
        input_dim=num_patches, output_dim=projection_dim
    )(positions)
    return projection + position_embedding


def mlp_block(x, mlp_dim, dropout_rate):
    y = layers.Dense(mlp_dim, activation=keras.activations.gelu)(x)
    y = layers.Dropout(dropout_rate)(y)
    y = layers.Dense(x.shape[-1])(y)
    y = layers.Dropout(dropout_rate)(y)
    return y


def normalize_and_resize(images, image_size):
    z = layers.Resizing(image_size, image_size)(images)
    z = layers.Normalization()(z)
    return z


def encoder1d_block(inputs, num_heads, hidden_dim, mlp_dim, attention_dropout_rate, dropout_rate):
    x = layers.LayerNormalization(epsilon=1e-3)(inputs)
    key_dim = hidden_dim // num_heads
    x = layers.MultiHeadAttention(
        num_heads=num_heads,
        key_dim=key_dim,
        dropout=attention_dropout_rate
    )(x, x)
    x = layers.Dropout(dropout_rate)(x)
    x = x + inputs
    y = layers.LayerNormalization(epsilon=1e-3)(x)
    y = mlp_block(y, mlp_dim, dropout_rate)
    y = y + x
    return y


def vit_encoder(inputs, num_layers, num_heads, hidden_dim, mlp_dim, attention_dropout_rate, dropout_rate):
    x = layers.Dropout(dropout_rate)(inputs)
    for _ in range(num_layers):
        x = encoder1d_block(
            x, num_heads, hidden_dim, mlp_dim, attention_dropout_rate, dropout_rate
        )
    return x


def vit_backbone(orig_image_shape, image_shape, patch_size, num_layers, num_heads, mlp_dim, attention_dropout_rate, dropout_rate):
    num_patches = (image_shape[0] // patch_size) * (image_shape[1] // patch_size)
    hidden_dim = patch_size * patch_size * 3

    inputs = keras.Input(shape=orig_image_shape)
    augmented = normalize_and_resize(inputs, image_shape[0])
    patches = extract_patches(augmented, patch_size)
    encoded_patches = encode_patches(patches, num_patches, hidden_dim)

    y = vit_encoder(
        encoded_patches, num_layers, num_heads, hidden_dim, mlp_dim, attention_dropout_rate, dropout_rate
    )
    return keras.Model(inputs=inputs, outputs=y)


def build_model():
    return vit_backbone((16, 16, 3), (16, 16), 8, 1, 2, 32, 0.0, 0.1)
