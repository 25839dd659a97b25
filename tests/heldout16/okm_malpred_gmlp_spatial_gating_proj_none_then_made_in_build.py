"""MALPRED's Keras 3 gMLP block: `SpatialGatingUnit` and `gMLPBlock` set `self.proj = None`,
`self.att = None` and `self.proj_out = None` in `__init__` and create the real `Dense` /
`TinyAttention` sublayers in `build()` (the attention one only when `use_attention`) - correct.

`SpatialGatingUnit` splits its input in two halves, normalises one, projects it along the token axis
with a `Dense(input_shape[1])` made in `build()`, optionally adds a tiny attention branch (also made
in `build()`), and gates the other half with it; `gMLPBlock` wraps it between a `Sequential`
projection and an output `Dense` made in `build()`. Sublayers that start as None and appear only in
`build()`, behind a condition, and a `Dense` applied to a transposed tensor look like candidates for
untracked or unbuilt state; measured, all of them are tracked, built on the first call and trained.

Porting edits: none to the classes (the repository imports `keras` 3); the type aliases replaced by
`int`/`float`/`typing.Any`. `build_model()` applies one block with `use_attention=True` to 8 tokens x
16 features, then pools into a Dense head.
"""

SOURCE = "https://github.com/terminalai/MALPRED/blob/66458217ecbd3e85300becf334822ef7872c21b3/layers/gmlp.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okm_malpred_gmlp_spatial_gating_proj_none_then_made_in_build.py:
as returned: Functional, count_params() = 1905, 16 weights, unbuilt: none
after call: count_params() = 1905, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'g_mlp_block': 1888, 'spatial_gating_unit': 1040, 'tiny_attention': 936}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16a/t_okfit.py): one fit epoch (SGD 0.1, mse) changes 16 of 16 trainable weights, including the
token-axis Dense and the TinyAttention projections created in SpatialGatingUnit.build() and gMLPBlock.proj_out."""

from typing import Any, Tuple

import keras as keras
from keras import ops, layers, activations

Int = int
Float = float
TensorLike = Any


class TinyAttention(layers.Layer):
    def __init__(self, d_out: Int, d_attn: Int = 64, **kwargs):
        super().__init__(**kwargs)
        self.d_attn = d_attn
        self.initial_proj = layers.Dense(3 * d_attn)
        self.final_proj = layers.Dense(d_out)

    def call(self, inputs: TensorLike) -> TensorLike:
        x = self.initial_proj(inputs)
        q, k, v = ops.split(x, 3, axis=-1)
        w = ops.einsum("bnd,bmd->bnm", q, k)
        a = ops.softmax(w * ops.rsqrt(float(self.d_attn)))
        x = ops.einsum("bnm,bmd->bnd", a, v)
        y = self.final_proj(x)
        return y


class SpatialGatingUnit(layers.Layer):
    def __init__(self, eps: Float = 1e-6, use_attention: bool = False, d_attn: Int = 64, **kwargs):
        super().__init__(**kwargs)
        self.use_attention = use_attention
        self.d_attn = d_attn
        self.norm = layers.LayerNormalization(epsilon=eps)
        self.proj = None
        self.att = None

    def build(self, input_shape: Tuple[Int]):
        self.proj = layers.Dense(input_shape[1], bias_initializer="Ones")
        if self.use_attention:
            self.att = TinyAttention(input_shape[-1] // 2, d_attn=self.d_attn)

    def call(self, inputs: TensorLike) -> TensorLike:
        u, v = ops.split(inputs, 2, axis=-1)

        v = self.norm(v)
        v = ops.transpose(v, (0, 2, 1))
        v = self.proj(v)
        v = ops.transpose(v, (0, 2, 1))

        if self.att is not None:
            v += self.att(inputs)

        return u * v


class gMLPBlock(layers.Layer):
    def __init__(self, ffn_dim: Int, dropout: Float = 0.1, eps: Float = 1e-6,
                 use_attention: bool = False, d_attn: Int = 64, **kwargs):
        super().__init__(**kwargs)
        self.norm = layers.LayerNormalization(epsilon=eps)

        self.proj_in = keras.Sequential([
            layers.Dense(ffn_dim, activation=activations.gelu),
            layers.Dropout(dropout)
        ])

        self.sgu = SpatialGatingUnit(eps=eps, use_attention=use_attention, d_attn=d_attn)

        self.proj_out = None

    def build(self, input_shape):
        self.proj_out = layers.Dense(input_shape[-1])

    def call(self, inputs: TensorLike) -> TensorLike:
        x = self.norm(inputs)
        x = self.proj_in(x)
        x = self.sgu(x)
        x = self.proj_out(x)
        return inputs + x


def build_model():
    inputs = keras.Input((8, 16))
    x = gMLPBlock(ffn_dim=32, use_attention=True, d_attn=8)(inputs)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
