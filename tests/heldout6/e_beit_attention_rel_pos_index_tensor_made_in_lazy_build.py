"""BEiT attention (Keras 3 research library) converts its relative-position index to a tensor in `build()` and keeps it on `self`: a subclassed model first built inside `fit()` dies with `InaccessibleTensorError`.

`BeitAttention.build()` allocates the learnable relative-position bias table with `add_weight`
and, next to it, stores the static gather index as `self._rel_pos_index =
ops.convert_to_tensor(...)`. Every eager forward pass and every explicitly built test passed. But a
subclassed model that is handed straight to `fit()` builds its layers lazily inside the traced
train step: the index tensor is created in the inner `one_step_on_data` FuncGraph, kept on the
layer, and the outer traced function cannot reach it, so `model.fit()` on an unbuilt model fails. The same happens on the first eager call: Keras 3 builds
the subclassed model by tracing it in a scratch graph, so the stored index belongs to that graph.
The upstream fix keeps the index as a NumPy array and converts it in `call()`, in whatever graph is
tracing.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/commit/5b2123f687dfa3e3de5bfe60814972f73f29c704"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py e_beit_attention_rel_pos_index_tensor_made_in_lazy_build.py:
as returned: TinyBeit, count_params() = count_params() raised ValueError, 1 weights, unbuilt: ['Conv2D:patch_embed', 'BeitAttention:attn', 'Dense:proj', 'Dense:v', 'Dense:k', 'Dense:q', 'LayerNormalization:layer_normalization', 'Dense:dense']
call 1 raised TypeError: Exception encountered when calling BeitAttention.call().
(next line of the same message: The tensor <tf.Tensor 'attn/Cast:0' shape=(289,) dtype=int32> cannot be accessed from here,
because it was defined in FuncGraph(name=scratch_graph_1, ...), which is out of scope.)"""

from typing import Any, Optional, Tuple, Union

import keras
import numpy as np
from keras import ops


class BeitAttention(keras.layers.Layer):
    """BEiT multi-head self-attention with a cls-augmented relative position bias."""

    def __init__(self, dim: int, num_heads: int = 12, window_size: Union[int, Tuple[int, int]] = None,
                 qv_bias: bool = True, attn_dropout_rate: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(window_size, int):
            window_size = (window_size, window_size)
        self.dim = dim
        self.num_heads = num_heads
        self.window_size = tuple(window_size)
        self.head_dim = dim // num_heads
        self._scale_value = self.head_dim ** -0.5
        self.num_patches = self.window_size[0] * self.window_size[1]
        self.num_tokens = self.num_patches + 1
        self.num_relative_distance = (2 * self.window_size[0] - 1) * (2 * self.window_size[1] - 1) + 3

        self.q_dense = keras.layers.Dense(self.dim, use_bias=qv_bias, name="q")
        self.k_dense = keras.layers.Dense(self.dim, use_bias=False, name="k")
        self.v_dense = keras.layers.Dense(self.dim, use_bias=qv_bias, name="v")
        self.proj = keras.layers.Dense(self.dim, name="proj")
        self.attn_dropout = keras.layers.Dropout(attn_dropout_rate, name="attn_dropout")

        # Created in build(): the learnable table and its static integer index.
        self.relative_position_bias_table = None
        self._rel_pos_index = None

    def _build_relative_position_index(self) -> np.ndarray:
        wh, ww = self.window_size
        coords = np.stack(np.meshgrid(np.arange(wh), np.arange(ww), indexing="ij"))
        coords_flatten = coords.reshape(2, -1)
        relative_coords = (coords_flatten[:, :, None] - coords_flatten[:, None, :]).transpose(1, 2, 0)
        relative_coords = relative_coords.astype(np.int64)
        relative_coords[:, :, 0] += wh - 1
        relative_coords[:, :, 1] += ww - 1
        relative_coords[:, :, 0] *= 2 * ww - 1
        index = np.zeros((self.num_patches + 1, self.num_patches + 1), dtype=np.int64)
        index[1:, 1:] = relative_coords.sum(-1)
        index[0, 0:] = self.num_relative_distance - 3
        index[0:, 0] = self.num_relative_distance - 2
        index[0, 0] = self.num_relative_distance - 1
        return index

    def build(self, input_shape: Tuple[Optional[int], ...]) -> None:
        if self.built:
            return
        self.relative_position_bias_table = self.add_weight(
            name="relative_position_bias_table",
            shape=(self.num_relative_distance, self.num_heads),
            initializer="zeros",
            trainable=True,
            dtype=self.dtype,
        )
        # A derived, non-trainable constant: a pure function of `window_size`, so it is
        # deliberately NOT a weight.
        self._rel_pos_index = ops.convert_to_tensor(
            self._build_relative_position_index().reshape(-1), dtype="int32"
        )
        projection_shape = (input_shape[0], self.num_tokens, self.dim)
        for dense in (self.q_dense, self.k_dense, self.v_dense, self.proj):
            dense.build(projection_shape)
        super().build(input_shape)

    def call(self, inputs, training: Optional[bool] = None):
        batch_size = ops.shape(inputs)[0]
        seq_len = self.num_tokens

        def split_heads(x):
            x = ops.reshape(x, (batch_size, seq_len, self.num_heads, self.head_dim))
            return ops.transpose(x, (0, 2, 1, 3))

        q = split_heads(self.q_dense(inputs))
        k = split_heads(self.k_dense(inputs))
        v = split_heads(self.v_dense(inputs))
        attn = ops.matmul(q, ops.transpose(k, (0, 1, 3, 2))) * self._scale_value

        bias = ops.take(self.relative_position_bias_table, self._rel_pos_index, axis=0)
        bias = ops.reshape(bias, (seq_len, seq_len, self.num_heads))
        attn = attn + ops.expand_dims(ops.transpose(bias, (2, 0, 1)), 0)

        attn = self.attn_dropout(ops.softmax(attn, axis=-1), training=training)
        x = ops.transpose(ops.matmul(attn, v), (0, 2, 1, 3))
        x = ops.reshape(x, (batch_size, seq_len, self.dim))
        return self.proj(x)


class TinyBeit(keras.Model):
    """Patch embedding + cls token + one BEiT attention block + linear head."""

    def __init__(self, patch_size=4, dim=16, num_heads=2, image_size=16, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.grid = image_size // patch_size
        self.patch_embed = keras.layers.Conv2D(dim, patch_size, strides=patch_size, name="patch_embed")
        self.cls_token = self.add_weight(shape=(1, 1, dim), initializer="zeros", name="cls_token")
        self.attn = BeitAttention(dim, num_heads=num_heads, window_size=self.grid, name="attn")
        self.norm = keras.layers.LayerNormalization(epsilon=1e-6)
        self.head = keras.layers.Dense(num_classes)

    def call(self, images, training=None):
        x = self.patch_embed(images)
        x = ops.reshape(x, (ops.shape(x)[0], self.grid * self.grid, ops.shape(x)[-1]))
        cls = ops.broadcast_to(self.cls_token, (ops.shape(x)[0], 1, ops.shape(x)[-1]))
        x = ops.concatenate([cls, x], axis=1)
        x = x + self.attn(x, training=training)
        return self.head(self.norm(x)[:, 0])


def build_model():
    model = TinyBeit()
    images = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    return model, images
