"""Perceiver (TF port): Attention.call is indented inside __init__, so its Dense sublayers are never called; latents are a bare tf.Variable.

Rishit-dagli/Perceiver implements "Perceiver: General Perception with Iterative Attention" as a
tf.keras.Model. In perceiver/attention.py the `def call(self, x, context=None, mask=None)` of the
`Attention` layer is indented one level too deep: it is a local function inside `__init__`, so the
layer has no call() of its own. Under tf.keras 2 the inherited Layer.call returned its input
unchanged, so every cross- and latent-attention block was silently an identity and its
to_queries / to_keys_values / to_out layers were never built (0 params, never trained); PreNorm's
`norm_context` is likewise created and never called. On Keras 3 the inherited call() raises:
Keras first warns that the layer "looks like it has unbuilt state" and then the first forward
pass fails with NotImplementedError. The same model also stores the learned latent array as
`self.latents = tf.Variable(tf.random.normal(...))` on the Model, which Keras 3 does not track.
einops' `repeat`/`rearrange` are replaced here by equivalent tf ops (einops is not installed).
"""

SOURCE = "https://github.com/Rishit-dagli/Perceiver/blob/ca449601bc25aa7ff8a4250a8f7bd618fcc286c4/perceiver/attention.py"
CODES = ("LD005", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py h_perceiver_attention_call_nested_in_init.py:
build_model() raised NotImplementedError: Exception encountered when calling Attention.call().
warning: Layer 'attention' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'attention', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despi
warning: Layer 'pre_norm' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'pre_norm', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
own check: 'call' in Attention.__dict__ -> False (the def is a local of __init__); a freshly constructed Perceiver has
0 weights and `model.latents` (tf.Variable) is not among model.weights even before any call."""

import math
from typing import Callable

import numpy as np
import tensorflow as tf


# ---------------------------------------------------------------- perceiver/fourier_encode.py
def fourier_encode(x, max_freq, num_bands=4, base=2):
    x = tf.expand_dims(x, -1)
    x = tf.cast(x, dtype=tf.float32)
    orig_x = x
    scales = tf.experimental.numpy.logspace(1.0, math.log(max_freq / 2) / math.log(base), num=num_bands,
                                            base=base, dtype=tf.float32)
    scales = tf.cast(scales, tf.float32)  # TF 2.21's tnp.logspace returns float64 here
    scales = scales[(*((None,) * (len(x.shape) - 1)), Ellipsis)]
    x = x * scales * math.pi
    x = tf.concat([tf.math.sin(x), tf.math.cos(x)], axis=-1)
    x = tf.concat((x, orig_x), axis=-1)
    return x


# ---------------------------------------------------------------- perceiver/geglu.py
class GEGLU(tf.keras.layers.Layer):
    def call(self, x):
        x, gates = tf.split(x, 2, axis=-1)
        return x * tf.nn.gelu(gates)


# ---------------------------------------------------------------- perceiver/feedforward.py
class FeedForward(tf.keras.layers.Layer):
    def __init__(self, dim, mult=4, dropout=0.0):
        super(FeedForward, self).__init__()
        self.net = tf.keras.Sequential([
            tf.keras.layers.Dense(dim * mult * 2),
            GEGLU(),
            tf.keras.layers.Dropout(dropout),
            tf.keras.layers.Dense(dim),
        ])

    def call(self, inputs):
        return self.net(inputs)


# ---------------------------------------------------------------- perceiver/attention.py
class Attention(tf.keras.layers.Layer):
    def __init__(self, query_dim, context_dim=None, heads=8, dim_head=64, dropout=0.0):
        super(Attention, self).__init__()
        inner_dim = dim_head * heads
        if context_dim is None:
            context_dim = query_dim

        self.scale = dim_head ** -0.5
        self.heads = heads

        self.to_queries = tf.keras.layers.Dense(inner_dim, use_bias=False)
        self.to_keys_values = tf.keras.layers.Dense(inner_dim * 2, use_bias=False)

        self.to_out = tf.keras.Sequential([
            tf.keras.layers.Dense(query_dim),
            tf.keras.layers.Dropout(dropout),
        ])

        def call(self, x, context=None, mask=None):
            h = self.heads
            queries = self.to_queries(x)

            if context is None:
                context = x

            kv = self.to_keys_values(context)
            keys, values = tf.split(kv, num_or_size_splits=2, axis=-1)
            b, n = tf.shape(queries)[0], tf.shape(queries)[1]
            queries, keys, values = map(
                lambda t: tf.reshape(tf.transpose(tf.reshape(t, (b, -1, h, t.shape[-1] // h)), (0, 2, 1, 3)),
                                     (b * h, -1, t.shape[-1] // h)),
                (queries, keys, values))

            sim = tf.einsum("b i d, b j d -> b i j", queries, keys) * self.scale
            attn = tf.nn.softmax(sim, axis=-1)
            out = tf.einsum("b i j, b j d -> b i d", attn, values)
            out = tf.reshape(tf.transpose(tf.reshape(out, (b, h, n, -1)), (0, 2, 1, 3)), (b, n, -1))
            return self.to_out(out)


# ---------------------------------------------------------------- perceiver/prenorm.py
class PreNorm(tf.keras.layers.Layer):
    def __init__(self, dim, fn, context_dim=None):
        super(PreNorm, self).__init__()
        self.fn = fn
        self.norm = tf.keras.layers.LayerNormalization(axis=-1)
        if context_dim is None:
            self.norm_context = None
        else:
            self.norm_context = tf.keras.layers.LayerNormalization(axis=-1)

    def call(self, x, **kwargs):
        x = self.norm(x)
        return self.fn(x)


# ---------------------------------------------------------------- perceiver/perceiver.py
class Perceiver(tf.keras.Model):
    def __init__(self, num_freq_bands, depth, max_freq, freq_base=2, input_channels=3, input_axis=2,
                 num_latents=512, latent_dim=512, cross_heads=1, latent_heads=8, cross_dim_head=64,
                 latent_dim_head=64, num_classes=1000, attn_dropout=0.0, ff_dropout=0.0):
        super(Perceiver, self).__init__()
        self.input_axis = input_axis
        self.max_freq = max_freq
        self.num_freq_bands = num_freq_bands
        self.freq_base = freq_base

        input_dim = input_axis * ((num_freq_bands * 2) + 1) + input_channels
        self.latents = tf.Variable(tf.random.normal([num_latents, latent_dim]))

        get_cross_attn: Callable[[], PreNorm] = lambda: PreNorm(
            latent_dim,
            Attention(latent_dim, input_dim, heads=cross_heads, dim_head=cross_dim_head, dropout=attn_dropout),
            context_dim=input_dim)
        get_cross_ff: Callable[[], PreNorm] = lambda: PreNorm(latent_dim, FeedForward(latent_dim, dropout=ff_dropout))
        get_latent_attn: Callable[[], PreNorm] = lambda: PreNorm(
            latent_dim,
            Attention(latent_dim, heads=latent_heads, dim_head=latent_dim_head, dropout=attn_dropout))
        get_latent_ff: Callable[[], PreNorm] = lambda: PreNorm(latent_dim, FeedForward(latent_dim, dropout=ff_dropout))

        self.existing_layers = list()
        for i in range(depth):
            self.existing_layers.append(get_cross_attn())
            self.existing_layers.append(get_cross_ff())
            self.existing_layers.append(get_latent_attn())
            self.existing_layers.append(get_latent_ff())

        self.existing_layers = tf.keras.Sequential(self.existing_layers)

        self.to_logits = tf.keras.Sequential([
            tf.keras.layers.LayerNormalization(axis=-1),
            tf.keras.layers.Dense(num_classes),
        ])

    def call(self, data, mask=None):
        b, *axis, _ = data.shape
        assert len(axis) == self.input_axis, "input data must have the right number of axis"

        axis_pos = list(map(lambda size: tf.linspace(-1.0, 1.0, num=size), axis))
        pos = tf.stack(tf.meshgrid(*axis_pos, indexing="ij"), axis=-1)
        enc_pos = fourier_encode(pos, self.max_freq, self.num_freq_bands, base=self.freq_base)
        enc_pos = tf.reshape(enc_pos, (*enc_pos.shape[:-2], -1))               # "... n d -> ... (n d)"
        enc_pos = tf.tile(enc_pos[None], [b] + [1] * len(enc_pos.shape))      # "... -> b ..."

        data = tf.concat((data, enc_pos), axis=-1)
        data = tf.reshape(data, (b, -1, data.shape[-1]))                       # "b ... d -> b (...) d"

        x = tf.tile(self.latents[None], [b, 1, 1])                             # "n d -> b n d"
        x = self.existing_layers(x)
        x = tf.math.reduce_mean(x, axis=-2)
        return self.to_logits(x)


def build_model():
    model = Perceiver(num_freq_bands=4, depth=1, max_freq=10.0, input_channels=3, input_axis=2,
                      num_latents=16, latent_dim=32, cross_heads=1, latent_heads=2, cross_dim_head=16,
                      latent_dim_head=16, num_classes=10)
    img = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    model(img)  # the README's `model(img)`
    return model, img
