"""SAM prompt encoder ported from PyTorch: Embedding layers that are never called, only their `.weights[0]` read (correct).

The Keras 3 port of Segment Anything's `PromptEncoder` keeps PyTorch's structure:
`self.point_embeddings = [Embedding(1, dim) for i in range(4)]` (a list), `not_a_point_embed`
and `no_mask_embed` Embeddings whose `__call__` is never used - `call()` reads
`layer.weights[0]` and adds it through `ops.where` -, a `PositionEmbeddingRandom` child used only
through a helper method `forward_with_coords()`, a `mask_downscaling` Sequential, and a random
Fourier matrix kept as a non-trainable `add_weight` (a PyTorch buffer). Uncalled sublayers and
weights read off another layer look like unbuilt / untracked state, but `build()` builds every
child explicitly ("Create vs. Build"), so all weights exist, are tracked and receive gradients.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/blob/main/src/dl_techniques/models/sam/prompt_encoder.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py oki_sam_prompt_encoder_embedding_weights_direct.py:
as returned: PromptHead, count_params() = 647, 19 weights, unbuilt: none
after call: count_params() = 647, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'prompt_encoder': 614, 'pe_layer': 32}
second call: 0 variables watched that the first call did not use"""

from typing import Any, Dict, Optional, Tuple

import keras
import numpy as np
from keras import initializers, layers, ops


def create_normalization_layer(normalization_type: str, name: Optional[str] = None):
    if normalization_type == "layer_norm":
        return layers.LayerNormalization(epsilon=1e-6, name=name)
    if normalization_type == "batch_norm":
        return layers.BatchNormalization(name=name)
    raise ValueError(f"unknown normalization {normalization_type}")


@keras.saving.register_keras_serializable(package="sam_case")
class PositionEmbeddingRandom(keras.layers.Layer):
    """Positional encoding using random spatial frequencies."""

    def __init__(self, num_pos_feats: int = 64, scale: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.num_pos_feats = num_pos_feats
        self.scale = scale
        self.positional_encoding_gaussian_matrix = None  # created in build()

    def build(self, input_shape=None) -> None:
        self.positional_encoding_gaussian_matrix = self.add_weight(
            name="positional_encoding_gaussian_matrix",
            shape=(2, self.num_pos_feats),
            initializer=initializers.RandomNormal(mean=0.0, stddev=self.scale),
            trainable=False,
        )
        super().build(input_shape)

    def _pe_encoding(self, coords):
        coords = 2 * coords - 1
        coords = coords @ self.positional_encoding_gaussian_matrix
        coords = 2 * np.pi * coords
        return ops.concatenate([ops.sin(coords), ops.cos(coords)], axis=-1)

    def forward_with_coords(self, coords_input, image_size: Tuple[int, int]):
        coords = ops.copy(coords_input)
        coords_x = coords[..., 0] / ops.cast(image_size[1], dtype=self.compute_dtype)
        coords_y = coords[..., 1] / ops.cast(image_size[0], dtype=self.compute_dtype)
        coords = ops.stack([coords_x, coords_y], axis=-1)
        return self._pe_encoding(ops.cast(coords, dtype=self.compute_dtype))

    def get_config(self) -> Dict[str, Any]:
        config = super().get_config()
        config.update({"num_pos_feats": self.num_pos_feats, "scale": self.scale})
        return config


@keras.saving.register_keras_serializable(package="sam_case")
class PromptEncoder(layers.Layer):
    """Encodes points, boxes and masks into sparse and dense embeddings."""

    def __init__(self, embed_dim: int, image_embedding_size: Tuple[int, int],
                 input_image_size: Tuple[int, int], mask_in_chans: int = 16,
                 normalization_type: str = "layer_norm", activation: str = "gelu", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.embed_dim = embed_dim
        self.image_embedding_size = image_embedding_size
        self.input_image_size = input_image_size
        self.mask_in_chans = mask_in_chans
        self.normalization_type = normalization_type
        self.activation = activation

        # CREATE all sub-layers in __init__
        self.pe_layer = PositionEmbeddingRandom(embed_dim // 2, name="pe_layer")
        # 0: background point, 1: foreground point, 2: box top-left, 3: box bottom-right
        self.point_embeddings = [layers.Embedding(1, embed_dim, name=f"point_embedding_{i}") for i in range(4)]
        self.not_a_point_embed = layers.Embedding(1, embed_dim, name="not_a_point_embed")
        self.no_mask_embed = layers.Embedding(1, embed_dim, name="no_mask_embed")
        self.mask_downscaling = keras.Sequential(
            [
                layers.Conv2D(mask_in_chans // 4, kernel_size=2, strides=2, name="conv1"),
                create_normalization_layer(normalization_type, name="norm1"),
                layers.Activation(activation, name="act1"),
                layers.Conv2D(mask_in_chans, kernel_size=2, strides=2, name="conv2"),
                create_normalization_layer(normalization_type, name="norm2"),
                layers.Activation(activation, name="act2"),
                layers.Conv2D(embed_dim, kernel_size=1, name="conv3"),
            ],
            name="mask_downscaling",
        )

    def build(self, input_shape=None) -> None:
        # Build every sub-layer explicitly so weights exist before loading.
        self.pe_layer.build(None)
        for emb in self.point_embeddings:
            emb.build((None,))
        self.not_a_point_embed.build((None,))
        self.no_mask_embed.build((None,))
        self.mask_downscaling.build((None, None, None, 1))
        super().build(input_shape)

    def _embed_points(self, points, labels, pad: bool):
        points = points + 0.5
        if pad:
            padding_point = ops.zeros((ops.shape(points)[0], 1, 2), dtype=points.dtype)
            padding_label = -ops.ones((ops.shape(labels)[0], 1), dtype=labels.dtype)
            points = ops.concatenate([points, padding_point], axis=1)
            labels = ops.concatenate([labels, padding_label], axis=1)
        point_embedding = self.pe_layer.forward_with_coords(points, self.input_image_size)
        point_embedding = point_embedding + ops.where(
            ops.expand_dims(labels, -1) == -1, self.not_a_point_embed.weights[0], ops.zeros_like(point_embedding))
        point_embedding = point_embedding + ops.where(
            ops.expand_dims(labels, -1) == 0, self.point_embeddings[0].weights[0], ops.zeros_like(point_embedding))
        point_embedding = point_embedding + ops.where(
            ops.expand_dims(labels, -1) == 1, self.point_embeddings[1].weights[0], ops.zeros_like(point_embedding))
        return point_embedding

    def _embed_boxes(self, boxes):
        boxes = boxes + 0.5
        coords = ops.reshape(boxes, (-1, 2, 2))
        corner_embedding = self.pe_layer.forward_with_coords(coords, self.input_image_size)
        return ops.concatenate([
            corner_embedding[:, 0:1, :] + self.point_embeddings[2].weights[0],
            corner_embedding[:, 1:2, :] + self.point_embeddings[3].weights[0],
        ], axis=1)

    def _embed_masks(self, masks):
        return self.mask_downscaling(ops.transpose(masks, (0, 2, 3, 1)))

    def call(self, points=None, boxes=None, masks=None, training=None):
        bs = ops.shape(points[0])[0] if points is not None else ops.shape(boxes)[0]
        sparse_embeddings = ops.zeros((bs, 0, self.embed_dim), dtype=self.compute_dtype)
        if points is not None:
            coords, labels = points
            sparse_embeddings = ops.concatenate(
                [sparse_embeddings, self._embed_points(coords, labels, pad=(boxes is None))], axis=1)
        if boxes is not None:
            sparse_embeddings = ops.concatenate([sparse_embeddings, self._embed_boxes(boxes)], axis=1)
        if masks is not None:
            dense_embeddings = self._embed_masks(masks)
        else:
            dense_embeddings = ops.reshape(self.no_mask_embed.weights[0], (1, 1, 1, self.embed_dim))
            dense_embeddings = ops.broadcast_to(
                dense_embeddings, (bs, self.image_embedding_size[0], self.image_embedding_size[1], self.embed_dim))
        return sparse_embeddings, dense_embeddings

    def get_config(self) -> Dict[str, Any]:
        config = super().get_config()
        config.update({"embed_dim": self.embed_dim, "image_embedding_size": self.image_embedding_size,
                       "input_image_size": self.input_image_size, "mask_in_chans": self.mask_in_chans})
        return config


class PromptHead(keras.Model):
    """Two prompt passes (points only -> no-mask path; points+boxes+masks) and a tiny readout."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.prompt_encoder = PromptEncoder(embed_dim=32, image_embedding_size=(4, 4),
                                            input_image_size=(64, 64), mask_in_chans=8)
        self.readout = layers.Dense(1)

    def call(self, inputs):
        coords, labels, boxes, masks = inputs["coords"], inputs["labels"], inputs["boxes"], inputs["masks"]
        s1, d1 = self.prompt_encoder(points=(coords, labels))
        s2, d2 = self.prompt_encoder(points=(coords, labels), boxes=boxes, masks=masks)
        pooled = (ops.mean(s1, axis=1) + ops.mean(s2, axis=1)
                  + ops.mean(d1, axis=(1, 2)) + ops.mean(d2, axis=(1, 2)))
        return self.readout(pooled)


def build_model():
    rng = np.random.default_rng(0)
    inputs = {
        "coords": (rng.random((2, 3, 2)) * 64).astype("float32"),
        "labels": np.array([[1, 0, -1], [1, 1, 0]], dtype="int32"),
        "boxes": np.array([[[4.0, 4.0, 40.0, 50.0]], [[10.0, 2.0, 30.0, 60.0]]], dtype="float32"),
        "masks": rng.random((2, 1, 16, 16)).astype("float32"),
    }
    model = PromptHead(name="sam_prompt_head")
    model(inputs)
    return model, inputs
