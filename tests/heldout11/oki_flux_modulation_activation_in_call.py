"""Flux DiT blocks ported from PyTorch to Keras 3: an Activation built inside call(), weights made in __init__ (correct).

The KerasHub Flux port translated `nn.Module`s one to one: small `keras.Model` subclasses
(`MLPEmbedder`, `Modulation`, `SingleStreamBlock`, `LastLayer`), an `RMSNorm` whose `scale` is
`add_weight`-ed in `__init__` from a `dim` argument, a `QKNorm` with two RMSNorm children and no
`build()`, a `@dataclass` `ModulationOut` carrying tensors, and `Modulation.call` doing
`keras.layers.Activation("silu")(x)` - a layer instantiated on every call. Each of these looks
like a weight-tracking bug, but none loses state: the layer made in `call()` has no weights, the
dataclass carries tensors, not layers, and the PR checks numerical equivalence with PyTorch.
"""

SOURCE = "https://github.com/keras-team/keras-hub/pull/1864"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py oki_flux_modulation_activation_in_call.py:
as returned: Functional, count_params() = 36688, 32 weights, unbuilt: none
after call: count_params() = 36688, 32 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 32 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mlp_embedder': 1856, 'single_stream_block': 15792, 'flux_attention': 0, 'modulation': 3168, 'qk_norm': 16, 'rms_norm_1': 8, 'rms_norm': 8, 'single_stream_block_1': 15792, 'flux_attention_1': 0, 'modulation_1': 3168, 'qk_norm_1': 16, 'rms_norm_3': 8, 'rms_norm_2': 8, 'last_layer': 2704}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine11a/fit.py): one model.fit step (SGD, mse) changes 32/32 trainable weights; no error from the Activation made inside Modulation.call under tf.function."""

from dataclasses import dataclass

import keras
from keras import KerasTensor, layers, ops


def rearrange_qkv(qkv, num_heads):
    """B L (K H D) -> K B H L D without einops."""
    b, length = ops.shape(qkv)[0], ops.shape(qkv)[1]
    head_dim = qkv.shape[-1] // (3 * num_heads)
    qkv = ops.reshape(qkv, (b, length, 3, num_heads, head_dim))
    return ops.transpose(qkv, (2, 0, 3, 1, 4))


class FluxAttention(layers.Layer):
    """Scaled dot-product attention; merges heads back (B H L D -> B L (H D))."""

    def call(self, q, k, v):
        scale = 1.0 / ops.sqrt(ops.cast(ops.shape(q)[-1], q.dtype))
        attn = ops.softmax(ops.matmul(q, ops.swapaxes(k, -1, -2)) * scale, axis=-1)
        x = ops.matmul(attn, v)
        x = ops.transpose(x, (0, 2, 1, 3))
        return ops.reshape(x, (ops.shape(x)[0], ops.shape(x)[1], q.shape[1] * q.shape[-1]))


class MLPEmbedder(keras.Model):
    def __init__(self, hidden_dim: int):
        super().__init__()
        self.in_layer = layers.Dense(hidden_dim, use_bias=True)
        self.silu = layers.Activation("silu")
        self.out_layer = layers.Dense(hidden_dim, use_bias=True)

    def call(self, x: KerasTensor) -> KerasTensor:
        return self.out_layer(self.silu(self.in_layer(x)))


class RMSNorm(keras.layers.Layer):
    def __init__(self, dim: int):
        super().__init__()
        self.scale = self.add_weight(name="scale", shape=(dim,), initializer="ones")

    def call(self, x: KerasTensor) -> KerasTensor:
        x = ops.cast(x, "float32")
        rrms = ops.rsqrt(ops.mean(ops.square(x), axis=-1, keepdims=True) + 1e-6)
        return (x * rrms) * self.scale


class QKNorm(keras.layers.Layer):
    def __init__(self, dim: int):
        super().__init__()
        self.query_norm = RMSNorm(dim)
        self.key_norm = RMSNorm(dim)

    def call(self, q, k):
        return self.query_norm(q), self.key_norm(k)


@dataclass
class ModulationOut:
    shift: KerasTensor
    scale: KerasTensor
    gate: KerasTensor


class Modulation(keras.Model):
    def __init__(self, dim, double):
        super().__init__()
        self.is_double = double
        self.multiplier = 6 if double else 3
        self.lin = keras.layers.Dense(self.multiplier * dim, use_bias=True)

    def call(self, x):
        x = keras.layers.Activation("silu")(x)
        out = self.lin(x)
        out = keras.ops.split(out[:, None, :], indices_or_sections=self.multiplier, axis=-1)
        return (
            ModulationOut(*out[:3]),
            ModulationOut(*out[3:]) if self.is_double else None,
        )


class SingleStreamBlock(keras.Model):
    """DiT block with parallel linear layers and adaptive modulation."""

    def __init__(self, hidden_size: int, num_heads: int, mlp_ratio: float = 4.0):
        super().__init__()
        self.hidden_dim = hidden_size
        self.num_heads = num_heads
        head_dim = hidden_size // num_heads
        self.mlp_hidden_dim = int(hidden_size * mlp_ratio)
        self.linear1 = keras.layers.Dense(hidden_size * 3 + self.mlp_hidden_dim)
        self.linear2 = keras.layers.Dense(hidden_size)
        self.norm = QKNorm(head_dim)
        self.hidden_size = hidden_size
        self.pre_norm = keras.layers.LayerNormalization(epsilon=1e-6)
        self.modulation = Modulation(hidden_size, double=False)
        self.attention = FluxAttention()

    def call(self, x, vec):
        mod, _ = self.modulation(vec)
        x_mod = (1 + mod.scale) * self.pre_norm(x) + mod.shift
        qkv, mlp = keras.ops.split(self.linear1(x_mod), [3 * self.hidden_size], axis=-1)
        qkv = rearrange_qkv(qkv, self.num_heads)
        q, k, v = qkv[0], qkv[1], qkv[2]
        q, k = self.norm(q, k)
        attn = self.attention(q, k, v)
        output = self.linear2(
            keras.ops.concatenate((attn, keras.activations.gelu(mlp, approximate=True)), 2)
        )
        return x + mod.gate * output


class LastLayer(keras.Model):
    def __init__(self, hidden_size: int, patch_size: int, out_channels: int):
        super().__init__()
        self.norm_final = keras.layers.LayerNormalization(epsilon=1e-6)
        self.linear = keras.layers.Dense(patch_size * patch_size * out_channels, use_bias=True)
        self.adaLN_modulation = keras.Sequential(
            [keras.layers.Activation("silu"), keras.layers.Dense(2 * hidden_size, use_bias=True)]
        )

    def call(self, x, vec):
        shift, scale = keras.ops.split(self.adaLN_modulation(vec), 2, axis=1)
        x = (1 + scale[:, None, :]) * self.norm_final(x) + shift[:, None, :]
        return self.linear(x)


def build_model(hidden_size=32, num_heads=4, depth=2, in_channels=16, vec_in_dim=24):
    img = keras.Input((16, in_channels), name="img")
    y = keras.Input((vec_in_dim,), name="y")
    x = layers.Dense(hidden_size, name="img_in")(img)
    vec = MLPEmbedder(hidden_size)(y)
    for _ in range(depth):
        x = SingleStreamBlock(hidden_size, num_heads)(x, vec)
    out = LastLayer(hidden_size, 1, in_channels)(x, vec)
    return keras.Model([img, y], out, name="flux_lite")
