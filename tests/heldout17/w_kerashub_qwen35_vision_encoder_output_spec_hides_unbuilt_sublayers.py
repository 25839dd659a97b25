"""keras-hub Qwen3.5 vision encoder before PR #2710: a subclassed `keras.Model` with no `build()` whose
`compute_output_spec` answers for it when the backbone wires it into the functional graph, so its
`call()` is never traced and none of its sublayers (patch embedding, position table, ViT blocks,
merger) is built. The backbone is returned with the whole vision tower unbuilt: `count_params()`
leaves it out and loading saved weights into it fails until a real eager call happens.

`Qwen3_5VisionEncoder.__init__` creates `patch_embed`, `pos_embed` (an `Embedding`), a list of
`Qwen3_5VisionBlock`s and a `merger`; each of those creates its own Dense/Conv3D/LayerNorm sublayers
in its `build()`. The encoder has no `build()` of its own, and its `compute_output_spec` returns a
`KerasTensor` directly "without running forward pass" because the backbone calls it on symbolic
`keras.Input`s. PR #2710 ("Add build() method to Qwen3.5 vision encoder and remove workarounds") says
the sublayers "use lazy initialization - their weights are only created on first call() with real
tensors", which "prevents direct access to weight variables"; the HF converter had been building each
sublayer by hand (`if not vis.patch_embed.built: vis.patch_embed.build(...)` ...) before assigning
weights. The fix adds a `build()` that builds every sublayer with its expected shape.

Porting edits (the file is Keras 3 code already): sizes made tiny, the rotary position embedding
and `cu_seqlens` windowing dropped (attention is plain full self-attention over the patches), the
bilinear interpolation of the position table reduced to a direct lookup of the first h*w rows (still
through `self.pos_embed(...)`), and the text side of `Qwen3_5Backbone` reduced to a Dense + LayerNorm
on top of the image embeddings. The encoder's `__init__`, missing `build()`, `call()` structure and
`compute_output_spec`, and the sublayers' build-time sublayer creation are the author's.
"""

SOURCE = "https://github.com/keras-team/keras-hub/pull/2710"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/w_kerashub_qwen35_vision_encoder_output_spec_hides_unbuilt_sublayers.py:
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. [...] (convert_to_numpy on the symbolic grid)
warning: Layer 'vision_encoder' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'vision_encoder', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built,
as returned: Qwen3_5Backbone, count_params() = 288, 6 weights, unbuilt: ['Qwen3_5VisionPatchMerger:merger', 'Qwen3_5VisionBlock:blocks_1', 'Qwen3_5VisionBlock:blocks_0', 'Embedding:pos_embed']
after call: count_params() = 2952, 37 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 37 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'vision_encoder': 2864, 'merger': 1336, 'blocks_1': 600, 'mlp': 280, 'attn': 288, 'blocks_0': 600, 'patch_embed': 200}
second call: 0 variables watched that the first call did not use
(patch_embed alone got built: the failed trace called it before crashing on the symbolic grid_thw.)
Own script (/tmp/mine17a/t_qwen.py): weights saved from a called backbone (2952 params); a fresh backbone has
count_params() 288, vision_encoder.built True but blocks/pos_embed/merger unbuilt; converter-style access
`vision_encoder.blocks[0].attn` raises AttributeError (no attribute 'attn'); `load_weights(...)` on the fresh
backbone raises nothing, leaves the blocks unbuilt (count_params still 288), and after the first call the
outputs differ from the saved model by up to 2.2: the vision tower silently kept fresh random weights. With one
eager call before load_weights the outputs match."""

import math

import keras
import numpy as np
from keras import ops


class Qwen3_5VisionPatchEmbed(keras.layers.Layer):
    def __init__(self, patch_size, temporal_patch_size, in_channels, hidden_size, **kwargs):
        super().__init__(**kwargs)
        self.patch_size = patch_size
        self.temporal_patch_size = temporal_patch_size
        self.in_channels = in_channels
        self.hidden_size = hidden_size

    def build(self, input_shape):
        kernel = [self.temporal_patch_size, self.patch_size, self.patch_size]
        self.proj = keras.layers.Conv3D(
            filters=self.hidden_size,
            kernel_size=kernel,
            strides=kernel,
            use_bias=True,
            dtype=self.dtype_policy,
            name="proj",
        )
        # Build with an explicit shape so the layer is ready.
        self.proj.build(
            (None, self.temporal_patch_size, self.patch_size, self.patch_size, self.in_channels)
        )
        self.built = True

    def call(self, pixel_values):
        x = self.proj(pixel_values)
        x = ops.squeeze(x, axis=(1, 2, 3))
        return x


class Qwen3_5VisionMLP(keras.layers.Layer):
    def __init__(self, hidden_size, intermediate_size, **kwargs):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.intermediate_size = intermediate_size

    def build(self, input_shape):
        self.fc1 = keras.layers.Dense(self.intermediate_size, use_bias=True,
                                      dtype=self.dtype_policy, name="fc1")
        self.fc1.build(input_shape)
        self.fc2 = keras.layers.Dense(self.hidden_size, use_bias=True,
                                      dtype=self.dtype_policy, name="fc2")
        self.fc2.build((input_shape[0], self.intermediate_size))
        self.built = True

    def call(self, x):
        x = self.fc1(x)
        x = ops.gelu(x, approximate=True)
        x = self.fc2(x)
        return x


class Qwen3_5VisionAttention(keras.layers.Layer):
    def __init__(self, hidden_size, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.num_heads = num_heads
        self.head_dim = hidden_size // num_heads
        self._inv_scale = 1.0 / math.sqrt(self.head_dim)

    def build(self, input_shape):
        self.qkv = keras.layers.Dense(3 * self.hidden_size, use_bias=True,
                                      dtype=self.dtype_policy, name="qkv")
        self.qkv.build(input_shape)
        self.proj = keras.layers.Dense(self.hidden_size, use_bias=True,
                                       dtype=self.dtype_policy, name="proj")
        self.proj.build(input_shape)
        self.built = True

    def call(self, x, position_embeddings=None, cu_seqlens=None):
        n = ops.shape(x)[0]
        qkv = ops.reshape(self.qkv(x), (n, 3, self.num_heads, self.head_dim))
        q, k, v = qkv[:, 0], qkv[:, 1], qkv[:, 2]
        scores = ops.einsum("qhd,khd->hqk", q, k) * self._inv_scale
        out = ops.einsum("hqk,khd->qhd", ops.softmax(scores, axis=-1), v)
        return self.proj(ops.reshape(out, (n, self.hidden_size)))


class Qwen3_5VisionBlock(keras.layers.Layer):
    def __init__(self, hidden_size, num_heads, intermediate_size, **kwargs):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.num_heads = num_heads
        self.intermediate_size = intermediate_size

    def build(self, input_shape):
        self.norm1 = keras.layers.LayerNormalization(epsilon=1e-6, dtype="float32", name="norm1")
        self.norm1.build(input_shape)
        self.norm2 = keras.layers.LayerNormalization(epsilon=1e-6, dtype="float32", name="norm2")
        self.norm2.build(input_shape)
        self.attn = Qwen3_5VisionAttention(hidden_size=self.hidden_size, num_heads=self.num_heads,
                                           dtype=self.dtype_policy, name="attn")
        self.attn.build(input_shape)
        self.mlp = Qwen3_5VisionMLP(hidden_size=self.hidden_size,
                                    intermediate_size=self.intermediate_size,
                                    dtype=self.dtype_policy, name="mlp")
        self.mlp.build(input_shape)
        self.built = True

    def call(self, x, position_embeddings, cu_seqlens=None):
        x = ops.cast(x, "float32")
        x = x + self.attn(self.norm1(x), position_embeddings, cu_seqlens)
        x = x + self.mlp(self.norm2(x))
        return x


class Qwen3_5VisionPatchMerger(keras.layers.Layer):
    def __init__(self, hidden_size, spatial_merge_size, out_hidden_size, **kwargs):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.spatial_merge_size = spatial_merge_size
        self.out_hidden_size = out_hidden_size
        self.merged_hidden = hidden_size * (spatial_merge_size**2)

    def build(self, input_shape):
        self.norm = keras.layers.LayerNormalization(epsilon=1e-6, dtype="float32", name="ln_q")
        self.norm.build((None, self.hidden_size))
        self.fc1 = keras.layers.Dense(self.merged_hidden, use_bias=True,
                                      dtype=self.dtype_policy, name="mlp_0")
        self.fc1.build((None, self.merged_hidden))
        self.fc2 = keras.layers.Dense(self.out_hidden_size, use_bias=True,
                                      dtype=self.dtype_policy, name="mlp_2")
        self.fc2.build((None, self.merged_hidden))
        self.built = True

    def call(self, x):
        x = ops.cast(x, "float32")
        x = self.norm(x)
        total = ops.shape(x)[0]
        ms2 = self.spatial_merge_size**2
        x = ops.reshape(x, (total // ms2, ms2 * self.hidden_size))
        x = self.fc1(x)
        x = ops.gelu(x, approximate=False)
        x = self.fc2(x)
        return x


class Qwen3_5VisionEncoder(keras.Model):
    def __init__(self, depth, hidden_size, num_heads, intermediate_size, in_channels=3,
                 patch_size=16, temporal_patch_size=2, spatial_merge_size=2,
                 out_hidden_size=None, num_position_embeddings=2304, dtype=None, **kwargs):
        # Always run the vision encoder in float32 for numerical stability.
        if dtype is not None and dtype != "float32":
            dtype = "float32"
        super().__init__(dtype=dtype, **kwargs)
        self.depth = depth
        self.hidden_size = hidden_size
        self.num_heads = num_heads
        self.intermediate_size = intermediate_size
        self.in_channels = in_channels
        self.patch_size = patch_size
        self.temporal_patch_size = temporal_patch_size
        self.spatial_merge_size = spatial_merge_size
        self.out_hidden_size = out_hidden_size or hidden_size
        self.num_position_embeddings = num_position_embeddings

        # Layers
        self.patch_embed = Qwen3_5VisionPatchEmbed(
            patch_size=patch_size, temporal_patch_size=temporal_patch_size,
            in_channels=in_channels, hidden_size=hidden_size, dtype="float32", name="patch_embed",
        )
        # Absolute position embedding table.
        self.pos_embed = keras.layers.Embedding(
            num_position_embeddings, hidden_size, dtype="float32", name="pos_embed",
        )
        self.num_grid_per_side = int(math.sqrt(num_position_embeddings))
        # ViT blocks.
        self.blocks = [
            Qwen3_5VisionBlock(hidden_size=hidden_size, num_heads=num_heads,
                               intermediate_size=intermediate_size, dtype="float32",
                               name=f"blocks_{i}")
            for i in range(depth)
        ]
        # Spatial merger.
        self.merger = Qwen3_5VisionPatchMerger(
            hidden_size=hidden_size, spatial_merge_size=spatial_merge_size,
            out_hidden_size=self.out_hidden_size, dtype="float32", name="merger",
        )

    def _fast_pos_embed_interpolate(self, grid_thw):
        all_embeds = []
        grid = ops.convert_to_numpy(grid_thw)
        for idx in range(grid.shape[0]):
            t, h, w = (int(v) for v in grid[idx])
            patch_embed = self.pos_embed(ops.arange(h * w))
            all_embeds.append(ops.tile(patch_embed, [t, 1]))
        return ops.concatenate(all_embeds, axis=0)

    def call(self, pixel_values, grid_thw):
        batched = len(ops.shape(pixel_values)) == 6
        if batched:
            pixel_values = ops.reshape(
                pixel_values,
                (-1, self.temporal_patch_size, self.patch_size, self.patch_size, self.in_channels),
            )
            grid_thw = ops.reshape(grid_thw, (-1, 3))

        # 1. Patch embedding.
        hidden_states = self.patch_embed(pixel_values)
        hidden_states = ops.cast(hidden_states, "float32")
        # 2. Absolute position embedding.
        hidden_states = hidden_states + self._fast_pos_embed_interpolate(grid_thw)
        # 4. ViT blocks.
        for blk in self.blocks:
            hidden_states = blk(hidden_states, None, None)
        # 5. Patch merger.
        merged = self.merger(hidden_states)
        if batched:
            merged = ops.expand_dims(merged, axis=0)
        return merged

    def compute_output_spec(self, pixel_values, grid_thw=None):
        """Return the output shape spec without running forward pass."""
        if len(pixel_values.shape) == 6:  # batched
            return keras.KerasTensor(
                shape=(pixel_values.shape[0], None, self.out_hidden_size), dtype="float32",
            )
        return keras.KerasTensor(shape=(None, self.out_hidden_size), dtype="float32")


class Qwen3_5Backbone(keras.Model):
    """Reduced backbone: vision encoder wired into a functional graph, then a text-side head."""

    def __init__(self, hidden_dim, vision_encoder, **kwargs):
        self.vision_encoder = vision_encoder
        pixel_values_input = keras.Input(
            shape=(None, vision_encoder.temporal_patch_size, vision_encoder.patch_size,
                   vision_encoder.patch_size, vision_encoder.in_channels),
            name="pixel_values",
        )
        image_grid_thw_input = keras.Input(shape=(None, 3), dtype="int32", name="image_grid_thw")
        img_embeddings = self.vision_encoder(pixel_values_input, image_grid_thw_input)
        x = keras.layers.Dense(hidden_dim, name="interleave_proj")(img_embeddings)
        sequence_output = keras.layers.LayerNormalization(name="layer_norm")(x)
        super().__init__(
            inputs={"pixel_values": pixel_values_input, "image_grid_thw": image_grid_thw_input},
            outputs=sequence_output,
            **kwargs,
        )


def sample_inputs():
    # one 2-frame image of 2x2 patches (patch 2x2 pixels, 3 channels): 4 patches, merged into 1 token
    pixels = np.random.default_rng(0).random((1, 4, 2, 2, 2, 3)).astype("float32")
    grid = np.array([[[1, 2, 2]]], dtype="int32")
    return {"pixel_values": pixels, "image_grid_thw": grid}


def build_model():
    vision = Qwen3_5VisionEncoder(
        depth=2, hidden_size=8, num_heads=2, intermediate_size=16, in_channels=3,
        patch_size=2, temporal_patch_size=2, spatial_merge_size=2, out_hidden_size=8,
        num_position_embeddings=16, name="vision_encoder",
    )
    backbone = Qwen3_5Backbone(hidden_dim=8, vision_encoder=vision)
    return backbone, sample_inputs()
