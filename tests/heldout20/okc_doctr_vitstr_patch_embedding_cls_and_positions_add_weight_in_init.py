"""docTR's ViT patch embedding for text recognition (ViTSTR): the [CLS] token and the position table are
made with `add_weight` in `__init__`, the table sized from an `input_shape` passed by hand, and the
positions are read through a helper that slices, reshapes and bicubic-resizes them.

From mindee/doctr (`doctr/models/modules/vision_transformer/tensorflow.py`). Looks like the
"class token / position embedding made by hand" traps (state made in `__init__` from a hand-given
shape, a helper that rebuilds the table every call, `tf.repeat` of the token over the batch), but on
Keras 3 `add_weight` in `__init__` creates tracked variables: `cls_token`, `positions` and the
projection are counted and get gradients, through the slicing/resize path too. (The hand-given
`input_shape` is the LD004 pattern; the layer handles other sizes by interpolating, and nothing is
lost.)

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); `NestedObject` (docTR's repr
mixin) dropped; the docTR ViTSTR model around it replaced by a two-line `keras.Model` subclass that
embeds a 32x128 word image and puts a Dense over 10 characters on the mean of the tokens (no
encoder in between: with docTR's zero-initialised token and table, reading only the [CLS] row would
leave the projection without gradient in this stand-in);
`embed_dim` 16; `build_model()` returns that model with a batch of two images.
"""

SOURCE = "https://github.com/mindee/doctr/blob/0613e240cfa8913d41076f897e6e4703cdd7929c/doctr/models/modules/vision_transformer/tensorflow.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/okc_doctr_vitstr_patch_embedding_cls_and_positions_add_weight_in_init.py:
warning (at the first call): `build()` was called on layer 'patch_embedding', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. (the `proj` Dense is built by the same call; nothing stays unbuilt)
as returned: TinyViTSTR, count_params() = count_params() raised ValueError, 2 weights, unbuilt: ['PatchEmbedding:patch_embedding', 'Dense:dense', 'Dense:dense_1']
after call: count_params() = 4314, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patch_embedding': 4144}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine20a/fitprobe2.py, compile SGD(0.1)/mse, one fit step on the two images): fit ok,
6/6 trainable weights change: patch_embedding/cls_token, patch_embedding/positions (through the
slice + bicubic resize of interpolate_pos_encoding, 32x128 input), the projection Dense kernel/bias and
the head kernel/bias. 4144 = 16 (cls) + 65*16 (positions) + 193*16 (proj)."""

import math
from typing import Any, Tuple

import keras
import tensorflow as tf
from keras import layers


class PatchEmbedding(layers.Layer):
    """Compute 2D patch embeddings with cls token and positional encoding"""

    def __init__(self, input_shape: Tuple[int, int, int], embed_dim: int) -> None:

        super().__init__()
        height, width, _ = input_shape
        # calculate patch size 32x32 -> (4, 4) 32x128 -> (4, 16)
        # NOTE: this is different from the original implementation
        self.patch_size = (height // 8, width // 8)
        self.grid_size = (height // self.patch_size[0], width // self.patch_size[1])
        self.num_patches = (height // self.patch_size[0]) * (width // self.patch_size[1])

        self.cls_token = self.add_weight(shape=(1, 1, embed_dim), initializer="zeros", trainable=True, name="cls_token")
        self.positions = self.add_weight(
            shape=(1, self.num_patches + 1, embed_dim),
            initializer="zeros",
            trainable=True,
            name="positions",
        )
        self.proj = layers.Dense(embed_dim, kernel_initializer="he_normal")

    def interpolate_pos_encoding(self, embeddings: tf.Tensor, height: int, width: int) -> tf.Tensor:
        """
        100 % borrowed from:
        https://github.com/huggingface/transformers/blob/main/src/transformers/models/vit/modeling_tf_vit.py
        """

        seq_len, dim = embeddings.shape[1:]
        num_patches = seq_len - 1

        num_positions = self.positions.shape[1] - 1

        if num_patches == num_positions and height == width:
            return self.positions
        class_pos_embed = self.positions[:, :1]
        patch_pos_embed = self.positions[:, 1:]
        h0 = height // self.patch_size[0]
        w0 = width // self.patch_size[1]
        patch_pos_embed = tf.image.resize(
            images=tf.reshape(
                patch_pos_embed, shape=(1, int(math.sqrt(num_positions)), int(math.sqrt(num_positions)), dim)
            ),
            size=(h0, w0),
            method="bicubic",
        )

        shape = patch_pos_embed.shape
        assert h0 == shape[-3], "height of interpolated patch embedding doesn't match"
        assert w0 == shape[-2], "width of interpolated patch embedding doesn't match"

        patch_pos_embed = tf.reshape(tensor=patch_pos_embed, shape=(1, -1, dim))
        return tf.concat(values=(class_pos_embed, patch_pos_embed), axis=1)

    def call(self, x: tf.Tensor, **kwargs: Any) -> tf.Tensor:
        B, H, W, C = x.shape
        assert H % self.patch_size[0] == 0, "Image height must be divisible by patch height"
        assert W % self.patch_size[1] == 0, "Image width must be divisible by patch width"
        # patchify image without convolution
        patches = tf.reshape(
            x, (B, H // self.patch_size[0], self.patch_size[0], W // self.patch_size[1], self.patch_size[1], C)
        )
        patches = tf.transpose(a=patches, perm=(0, 1, 3, 2, 4, 5))
        # (B, H', W', C, ph, pw) -> (B, H'*W', C*ph*pw)
        patches = tf.reshape(tensor=patches, shape=(B, -1, self.patch_size[0] * self.patch_size[1] * C))
        patches = self.proj(patches, **kwargs)  # (batch_size, num_patches, d_model)

        cls_tokens = tf.repeat(self.cls_token, B, axis=0)  # (batch_size, 1, d_model)
        # concate cls_tokens to patches
        embeddings = tf.concat([cls_tokens, patches], axis=1)  # (batch_size, num_patches + 1, d_model)
        # add positions to embeddings
        embeddings += self.interpolate_pos_encoding(embeddings, H, W)  # (batch_size, num_patches + 1, d_model)

        return embeddings


class TinyViTSTR(keras.Model):
    def __init__(self, input_shape=(32, 128, 3), embed_dim=16, vocab_size=10):
        super().__init__()
        self.patch_embedding = PatchEmbedding(input_shape, embed_dim)
        self.head = layers.Dense(vocab_size)

    def call(self, x, **kwargs):
        return self.head(tf.reduce_mean(self.patch_embedding(x, **kwargs), axis=1))


def build_model():
    import numpy as np
    images = np.random.default_rng(0).random((2, 32, 128, 3)).astype("float32")
    return TinyViTSTR(), images
