"""A student Perceiver (knee MRI laterality): the `Perceiver` model creates its learnable latent
array with `add_weight` inside `build()`, creates its cross-attention block, a list of
self-attention blocks and the logits Dense there too, broadcasts the latents over the batch in
`call()`, and calls the SAME cross-attention and self-attention blocks in every one of
`num_blocks` iterations (weight sharing across depth, as in the Perceiver paper); the Fourier
position features are a constant computed from the input's static shape.

From shakes76/PatternFlow (`recognition/an_perceiver/perceiver.py` + `layers.py` +
`position_encoding.py`). Looks like several traps (latents and every sublayer made late in
`build()`, blocks in a plain list, one block reused in a loop, a `FeedForwardNetwork` whose Dense
widths come from `build()`, a position table that is a plain tensor), but on Keras 3 all of it is
tracked: the latent array is a trainable weight that gets a gradient, the reused blocks are
counted once (they see latents of the same shape every time), and the Fourier features are meant
to be fixed.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the three files put in one
module (the `from layers import ...` / `from position_encoding import ...` imports dropped);
sizes: `num_blocks` 2, `num_self_attends_per_block` 1, `num_self_attend_heads` 2,
`latent_dim` 4, `latent_channels` 8, `num_freq_bands` 2, on a batch of two 4x4 single-channel
images (the author uses 8/6/8/512/1024/64 on 64x64 slices).
"""

SOURCE = "https://github.com/shakes76/PatternFlow/blob/0fe87019d608bfc154b0843a3a6f11b69b823841/recognition/an_perceiver/perceiver.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okae_patternflow_perceiver_latents_add_weight_shared_cross_attend.py:
as returned: Perceiver, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 1328, 37 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 37 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cross_attention': 534, 'feed_forward_network': 144, 'self_attention': 744, 'feed_forward_network_1': 144}
second call: 0 variables watched that the first call did not use
1328 = latent_array 4*8 + cross_attention 534 + self_attention 744 + logits 18: the latents are a counted trainable weight with a gradient; the cross-attention and self-attention blocks reused in both iterations are counted once."""

import math

import numpy as np
import tensorflow as tf
import keras
from keras import models, layers, initializers


def fourier_position_encode(index_shape: tuple[int, ...], num_bands: int):
    """Uniformly sampled Fourier frequency position encodings."""

    num_pixels = tf.reduce_prod(index_shape)
    positions = get_spatial_positions(index_shape)
    bands = tf.stack([tf.linspace(1.0, dim / 2, num_bands) for dim in index_shape])

    freq = tf.reshape(
        # each postion * each band
        positions[:, :, tf.newaxis] * bands,
        # flatten to pixels x [len(index_shape) * num_bands]
        [num_pixels, -1]
    )

    encodings = tf.concat(
        [
            tf.sin(math.pi * freq),
            tf.cos(math.pi * freq),
        ],
        axis=-1,
    )

    return tf.concat([positions, encodings], axis=-1)


def get_spatial_positions(index_shape: tuple[int, ...]):
    """Get spatial positions between -1 and 1."""

    coords = [tf.linspace(-1.0, 1.0, dim) for dim in index_shape]
    pos = tf.stack(tf.meshgrid(*coords, indexing="ij"), axis=-1)

    return tf.reshape(pos, [tf.reduce_prod(index_shape), -1])


class FeedForwardNetwork(layers.Layer):
    """Feed-forward network with gelu activation."""

    def __init__(self, name=None):
        super().__init__(name=name)

    def build(self, input_shape: tuple[int, ...]):
        units = input_shape[-1]
        self.dense1 = layers.Dense(
            units, activation=tf.nn.gelu, kernel_initializer="variance_scaling"
        )
        self.dense2 = layers.Dense(units, kernel_initializer="variance_scaling")

    def call(self, inputs: tf.Tensor):
        x = self.dense1(inputs)
        return self.dense2(x)


def layer_norm(epsilon=1e-5, **kwargs):
    return layers.LayerNormalization(epsilon=epsilon, **kwargs)


class CrossAttention(layers.Layer):
    """Cross-Attention followed by feed-forward network."""

    def __init__(self, num_heads: int = 1, key_dim: int = 1024, name=None):
        super().__init__(name=name)
        self.q_norm = layer_norm()
        self.kv_norm = layer_norm()
        self.attend = layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim)
        self.attn_norm = layer_norm()
        self.ffn = FeedForwardNetwork()

    def call(self, inputs_q: tf.Tensor, inputs_kv: tf.Tensor):
        q = self.q_norm(inputs_q)
        kv = self.kv_norm(inputs_kv)
        attend_result = self.attend(q, kv)
        attend_result += q

        z = self.ffn(self.attn_norm(attend_result))
        return z + attend_result


class SelfAttention(layers.Layer):
    """Self-Attention followed by feed-forward network."""

    def __init__(self, num_heads: int = 8, key_dim: int = 1024, name=None):
        super().__init__(name=name)
        self.qkv_norm = layer_norm()
        self.attend = layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim)
        self.attn_norm = layer_norm()
        self.ffn = FeedForwardNetwork()

    def call(self, inputs: tf.Tensor):
        qkv = self.qkv_norm(inputs)
        attend_result = self.attend(qkv, qkv)
        attend_result += inputs

        z = self.ffn(self.attn_norm(attend_result))
        return z + attend_result


class Perceiver(models.Model):
    def __init__(
        self,
        num_blocks: int = 8,
        num_self_attends_per_block: int = 6,
        num_cross_heads: int = 1,
        num_self_attend_heads: int = 8,
        latent_dim: int = 512,
        latent_channels: int = 1024,
        num_freq_bands: int = 64,
        num_classes: int = 2,
        name: str = "perceiver",
    ):
        super().__init__(name=name)
        assert latent_channels % num_cross_heads == 0
        assert latent_channels % num_self_attend_heads == 0

        self.num_blocks = num_blocks
        self.num_self_attends_per_block = num_self_attends_per_block
        self.num_cross_heads = num_cross_heads
        self.num_self_attend_heads = num_self_attend_heads
        self.latent_dim = latent_dim
        self.latent_channels = latent_channels
        self.num_freq_bands = num_freq_bands
        self.num_classes = num_classes

    def build(self, input_shape: tuple[int, ...]):
        self.latent_array = self.add_weight(
            name="latent_array",
            shape=(self.latent_dim, self.latent_channels),
            initializer=initializers.TruncatedNormal(stddev=0.02),
            trainable=True,
        )

        self.cross_attend = CrossAttention(
            num_heads=self.num_cross_heads, key_dim=self.latent_channels
        )

        self.self_attends = [
            SelfAttention(
                num_heads=self.num_self_attend_heads, key_dim=self.latent_channels
            )
            for _ in range(self.num_self_attends_per_block)
        ]

        self.logits = layers.Dense(self.num_classes)
        super().build(input_shape)

    def call(self, inputs: tf.Tensor):
        batch_size = tf.shape(inputs)[0]
        index_shape = inputs.shape[1:-1]
        channels = inputs.shape[-1]

        # broadcast to batch
        broadcast = lambda x: tf.broadcast_to(x, [batch_size, *x.shape])
        latent_array = broadcast(self.latent_array)
        fourier_pos = broadcast(fourier_position_encode(index_shape, self.num_freq_bands))

        # flatten index dims, concat with fourier position
        inputs_vec = tf.reshape(
            inputs, [batch_size, tf.reduce_prod(index_shape), channels]
        )
        data_array = tf.concat([inputs_vec, fourier_pos], axis=-1)

        # apply blocks
        for _ in range(self.num_blocks):
            latent_array = self.cross_attend(latent_array, data_array)
            for self_attend in self.self_attends:
                latent_array = self_attend(latent_array)

        x = tf.reduce_mean(latent_array, axis=-2)
        return self.logits(x)


def build_model():
    model = Perceiver(
        num_blocks=2, num_self_attends_per_block=1, num_cross_heads=1,
        num_self_attend_heads=2, latent_dim=4, latent_channels=8, num_freq_bands=2,
        num_classes=2,
    )
    images = np.random.default_rng(0).random((2, 4, 4, 1)).astype("float32")
    return model, images
