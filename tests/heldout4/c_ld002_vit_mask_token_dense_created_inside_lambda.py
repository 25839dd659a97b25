"""A DINOv2-style ViT builds its iBOT mask-token `Dense` inside the function of a `Lambda` layer.

In a Keras 3 research library, the token-preparation step of `DINOv2VisionTransformer` defined
`apply_masks(args)` which instantiates `layers.Dense(embed_dim, use_bias=False)` as
`mask_token_layer`, applies it to a tensor of ones to get the mask tokens, and selects them where
the boolean mask is set; the function is wrapped in `layers.Lambda(apply_masks)`. The fixing
commit hoists the Dense to `__init__` because "a weight-creating layer created during
functional-graph trace yields untracked/uncreatable weights". Rewritten as a small functional
model with an image and a patch-mask input.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/commit/dfc53537da803938d614f9bc7dee14a1e631f0ec"
CODES = ("LD002", "LD012")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py c_ld002_vit_mask_token_dense_created_inside_lambda.py:
as returned: Functional, count_params() = 867, 6 weights, unbuilt: none
after call: count_params() = 867, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['functional/apply_masks/mask_token_projection/kernel:0']
second call: 1 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model(image_size=16, patch_size=4, embed_dim=16):
    num_patches = (image_size // patch_size) ** 2
    images = keras.Input((image_size, image_size, 3), name="images")
    masks = keras.Input((num_patches,), dtype="bool", name="masks")
    patches = layers.Conv2D(embed_dim, patch_size, strides=patch_size)(images)
    patch_embeddings = layers.Reshape((num_patches, embed_dim))(patches)

    def apply_masks(args):
        patch_emb, mask_tensor = args
        # Mask token as a learnable projection of ones, made where it is used.
        mask_token_layer = layers.Dense(embed_dim, use_bias=False, kernel_initializer="zeros",
                                        name="mask_token_projection")
        mask_tokens = mask_token_layer(keras.ops.ones((1, num_patches, 1)))
        return keras.ops.where(keras.ops.expand_dims(mask_tensor, -1), mask_tokens, patch_emb)

    x = layers.Lambda(apply_masks, name="apply_masks")([patch_embeddings, masks])
    x = layers.LayerNormalization()(x)
    outputs = layers.Dense(3)(layers.GlobalAveragePooling1D()(x))
    return keras.Model([images, masks], outputs)
