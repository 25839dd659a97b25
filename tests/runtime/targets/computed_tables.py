"""Tables computed from positions or coordinates and kept as tensors (held-out 5: LLaMA's RoPE
freqs_cos/freqs_sin, SwinV2's log-spaced coordinate table): constants, not weights. Look-alikes that
are weights: a raw LayerNorm (gamma ones, beta zeros) and a random codebook."""

import math

import keras
import numpy as np
from keras import layers, ops

LENGTH, DIM = 6, 8


def rotary_tables(length, dim):
    freqs = 1.0 / (10_000.0 ** (ops.arange(0, dim, 2, dtype="float32") / dim))
    angles = ops.outer(ops.arange(length, dtype="float32"), freqs)
    return ops.cos(angles), ops.sin(angles)


class Rotary(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.freqs_cos, self.freqs_sin = rotary_tables(LENGTH, DIM)

    def call(self, x):
        x1, x2 = x[..., 0::2], x[..., 1::2]
        return ops.concatenate([x1 * self.freqs_cos - x2 * self.freqs_sin, x1 * self.freqs_sin + x2 * self.freqs_cos], -1)


class Sinusoid(layers.Layer):
    """A sinusoidal encoding, sin and cos halves side by side, under a name that is no buffer's."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        cos, sin = rotary_tables(LENGTH, DIM)
        self.sinusoid = ops.concatenate([sin, cos], axis=-1)

    def call(self, x):
        return x + self.sinusoid


class LogCoordinates(layers.Layer):
    """SwinV2's continuous position bias input: log-spaced relative coordinates of a window."""

    def build(self, input_shape):
        coords = np.arange(-2, 3).astype("float32")
        grid = np.stack(np.meshgrid(coords, coords, indexing="ij"), axis=-1).reshape(-1, 2)
        self.rel_tab = ops.convert_to_tensor(np.sign(grid) * np.log1p(np.abs(grid)) / np.log(8))
        self.mlp = layers.Dense(1)
        self.mlp.build((None, 2))

    def call(self, x):
        return x + ops.reshape(self.mlp(self.rel_tab), (1, 25))


class RawNorm(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gamma = ops.ones((DIM,))
        self.beta = ops.zeros((DIM,))

    def call(self, x):
        mean = ops.mean(x, axis=-1, keepdims=True)
        return (x - mean) * self.gamma + self.beta


class Codebook(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.codebook = keras.random.normal((DIM, 4), seed=1)

    def call(self, x):
        return ops.matmul(x, self.codebook)


class TimeFrequencies(layers.Layer):
    """A diffusion model's time embedding (held-out 21, voxel-nn): the sinusoid's frequencies kept as a
    tensor named like an embedding, sin and cos taken in call()."""

    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        half_dim = dim // 2
        self.emb = math.log(10000) / (half_dim - 1)
        self.emb = ops.exp(ops.arange(half_dim, dtype="float32") * -self.emb)

    def call(self, t):
        angles = ops.cast(t, "float32")[:, None] * self.emb[None, :]
        return ops.concatenate([ops.sin(angles), ops.cos(angles)], axis=-1)


class LinearScale(layers.Layer):
    """Look-alike that is a weight: a per-feature scale started from evenly spaced values."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale = ops.linspace(0.5, 2.0, DIM)

    def call(self, x):
        return x * self.scale


def _model(layer, shape=(LENGTH, DIM)):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(layers.Dense(shape[-1])(inputs)))


def rotary():
    return _model(Rotary())


def sinusoid():
    return _model(Sinusoid(), (LENGTH, 2 * DIM // 2))


def log_coordinates():
    return _model(LogCoordinates(), (25,))


def raw_norm():
    return _model(RawNorm())


def codebook():
    return _model(Codebook())


def time_frequencies():
    t = keras.Input(())
    return keras.Model(t, layers.Dense(DIM)(TimeFrequencies(DIM)(t)))


def linear_scale():
    return _model(LinearScale())
