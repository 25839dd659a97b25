"""keras.io's ViT-on-small-datasets ShiftedPatchTokenization creates a LayerNormalization the vanilla model never builds.

keras-team/keras#18763: converting the "Train a Vision Transformer on small datasets" keras.io
example to Keras 3 failed at `ShiftedPatchTokenization(vanilla=vanilla)(augmented)` for the
vanilla ViT. The layer creates `Reshape`, `Dense` and `LayerNormalization` sublayers in `__init__`
and has no `build()`, so Keras 3 builds it by tracing `call()` on symbolic inputs; with
`vanilla=True` that call path never touches `self.layer_norm`. On Keras 3.15 the raw
`tf.image.*` calls now trace on the TF backend (no crash any more), but the layer is still marked
built with unbuilt state: Keras warns that `build()` found unbuilt state, and the
LayerNormalization stays unbuilt with no weights in the vanilla model (the keras-io fix was an
explicit `build()`).
"""

SOURCE = "https://github.com/keras-team/keras/issues/18763"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py c_ld005_vit_small_ds_shifted_patch_tokenization_vanilla_layer_norm_unbuilt.py:
warning: `build()` was called on layer 'shifted_patch_tokenization', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marke
as returned: Functional, count_params() = 6506, 4 weights, unbuilt: ['LayerNormalization:layer_normalization']
after call: count_params() = 6506, 4 trainable weights, unbuilt: ['LayerNormalization:layer_normalization']; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'shifted_patch_tokenization': 6176}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras
from keras import layers

IMAGE_SIZE = 32
PATCH_SIZE = 8
NUM_PATCHES = (IMAGE_SIZE // PATCH_SIZE) ** 2
PROJECTION_DIM = 32
LAYER_NORM_EPS = 1e-6


class ShiftedPatchTokenization(layers.Layer):
    def __init__(
        self,
        image_size=IMAGE_SIZE,
        patch_size=PATCH_SIZE,
        num_patches=NUM_PATCHES,
        projection_dim=PROJECTION_DIM,
        vanilla=False,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.vanilla = vanilla  # Flag to swtich to vanilla patch extractor
        self.image_size = image_size
        self.patch_size = patch_size
        self.half_patch = patch_size // 2
        self.flatten_patches = layers.Reshape((num_patches, -1))
        self.projection = layers.Dense(units=projection_dim)
        self.layer_norm = layers.LayerNormalization(epsilon=LAYER_NORM_EPS)

    def crop_shift_pad(self, images, mode):
        # Build the diagonally shifted images
        if mode == "left-up":
            crop_height = self.half_patch
            crop_width = self.half_patch
            shift_height = 0
            shift_width = 0
        elif mode == "left-down":
            crop_height = 0
            crop_width = self.half_patch
            shift_height = self.half_patch
            shift_width = 0
        elif mode == "right-up":
            crop_height = self.half_patch
            crop_width = 0
            shift_height = 0
            shift_width = self.half_patch
        else:
            crop_height = 0
            crop_width = 0
            shift_height = self.half_patch
            shift_width = self.half_patch

        # Crop the shifted images and pad them
        crop = tf.image.crop_to_bounding_box(
            images,
            offset_height=crop_height,
            offset_width=crop_width,
            target_height=self.image_size - self.half_patch,
            target_width=self.image_size - self.half_patch,
        )
        shift_pad = tf.image.pad_to_bounding_box(
            crop,
            offset_height=shift_height,
            offset_width=shift_width,
            target_height=self.image_size,
            target_width=self.image_size,
        )
        return shift_pad

    def call(self, images):
        if not self.vanilla:
            # Concat the shifted images with the original image
            images = tf.concat(
                [
                    images,
                    self.crop_shift_pad(images, mode="left-up"),
                    self.crop_shift_pad(images, mode="left-down"),
                    self.crop_shift_pad(images, mode="right-up"),
                    self.crop_shift_pad(images, mode="right-down"),
                ],
                axis=-1,
            )
        # Patchify the images and flatten it
        patches = tf.image.extract_patches(
            images=images,
            sizes=[1, self.patch_size, self.patch_size, 1],
            strides=[1, self.patch_size, self.patch_size, 1],
            rates=[1, 1, 1, 1],
            padding="VALID",
        )
        flat_patches = self.flatten_patches(patches)
        if not self.vanilla:
            # Layer normalize the flat patches and linearly project it
            tokens = self.layer_norm(flat_patches)
            tokens = self.projection(tokens)
        else:
            # Linearly project the flat patches
            tokens = self.projection(flat_patches)
        return (tokens, patches)


def create_vit_classifier(vanilla=False):
    inputs = layers.Input(shape=(IMAGE_SIZE, IMAGE_SIZE, 3))
    # Create patches.
    (tokens, _) = ShiftedPatchTokenization(vanilla=vanilla)(inputs)
    representation = layers.GlobalAveragePooling1D()(tokens)
    logits = layers.Dense(10)(representation)
    return keras.Model(inputs=inputs, outputs=logits)


def build_model():
    return create_vit_classifier(vanilla=True)
