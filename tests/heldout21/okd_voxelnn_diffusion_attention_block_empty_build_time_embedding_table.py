"""voxel-nn's diffusion layers: an `AttentionBlock` whose `build()` is an empty `pass` while its
GroupNormalization and four Dense sublayers are made in `__init__` (or passed in for deserialisation
via `norm or ...`), next to a `TimeEmbedding` that stores its sinusoidal frequency table as a
`tf.exp(tf.range(...))` tensor on `self` in `__init__`.

From Sotakebk/voxel-nn (`Python/voxelnn/diffusion/custom_layers.py`). Looks like three traps at once:
an overridden `build()` that builds nothing and never calls `super().build()`, sublayers chosen with
`x or Layer(...)`, and a raw tensor assigned to `self` (LD001 look-alike). On Keras 3 the sublayers are
tracked and built by their first call inside `call()` (all counted, all get gradients), and the
frequency table is a fixed constant of the sinusoidal embedding, not a weight anybody wants trained.

Porting edits: `kernel_init` copied in from `voxelnn/diffusion/utils.py`; `build_model()` wires a tiny
2-D denoiser in the repository's `unet_builder.py` style (data input 8x8x4 and an int64 time input,
first Conv2D(8), TimeEmbedding(8) -> two swish Dense(8), Add, then the AttentionBlock with units=8 and
groups=4, output Conv2D(4)) instead of the full U-Net.
"""

SOURCE = "https://github.com/Sotakebk/voxel-nn/blob/3944419435adeaac9d6bbece3645829fd4535b6d/Python/voxelnn/diffusion/custom_layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/okd_voxelnn_diffusion_attention_block_empty_build_time_embedding_table.py:
as returned: Functional, count_params() = 1036, 18 weights, unbuilt: none
after call: count_params() = 1036, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'time_embedding': 0, 'attention_block': 304}
second call: 0 variables watched that the first call did not use
The 304 are GroupNormalization (16) + query/key/value/proj Dense (4 x 72). Own scripts:
/tmp/mine21a/gradprobe.py (mse to 1.0): all 18 gradients non-None and non-zero (q/k/v ~1e-11, small
because the author's output Conv2D and proj start from kernel_init(0.0) ~ 1e-10 scale, as in the
keras.io DDPM); /tmp/mine21a/fitprobe.py (SGD(0.1), mse, one fit step): fit ok (9/18 weights move
beyond allclose tolerance in one step for the same reason)."""

import math
import tensorflow as tf
import keras
from keras import layers


def kernel_init(scale):
    """Custom kernel init."""
    scale = max(scale, 1e-10)
    return keras.initializers.VarianceScaling(scale, mode="fan_avg", distribution="uniform")


@keras.saving.register_keras_serializable('voxel-nn')
class AttentionBlock(layers.Layer):
    """Applies self-attention.

    Args:
        units: Number of units in the dense layers
        groups: Number of groups to be used for GroupNormalization layer
    """

    def __init__(self, is3d: bool, units: int, groups: int = 8,
                 norm: layers.GroupNormalization=None,
                 query: layers.Dense=None,
                 key: layers.Dense=None,
                 value: layers.Dense=None,
                 proj: layers.Dense=None,
                 **kwargs):
        self.units = units
        self.groups = groups
        self.is3d = is3d
        super().__init__(**kwargs)

        self.norm = norm or layers.GroupNormalization(groups=groups)
        self.query = query or layers.Dense(units, kernel_initializer=kernel_init(1.0))
        self.key = key or layers.Dense(units, kernel_initializer=kernel_init(1.0))
        self.value = value or layers.Dense(units, kernel_initializer=kernel_init(1.0))
        self.proj = proj or layers.Dense(units, kernel_initializer=kernel_init(0.0))

    def call(self, inputs):
        batch_size = tf.shape(inputs)[0]
        height = tf.shape(inputs)[1]
        width = tf.shape(inputs)[2]
        scale = tf.cast(self.units, tf.float32) ** (-0.5)

        inputs = self.norm(inputs)
        q = self.query(inputs)
        k = self.key(inputs)
        v = self.value(inputs)

        if self.is3d:
            depth = tf.shape(inputs)[3]
            attn_score = tf.einsum("bhwdc, bHWDc->bhwdHWD", q, k) * scale
            attn_score = tf.reshape(attn_score, [batch_size, height, width, depth, height * width * depth])

            attn_score = tf.nn.softmax(attn_score, -1)
            attn_score = tf.reshape(attn_score, [batch_size, height, width, depth, height, width, depth])

            proj = tf.einsum("bhwdHWD,bHWDc->bhwdc", attn_score, v)
            proj = self.proj(proj)
        else:
            attn_score = tf.einsum("bhwc, bHWc->bhwHW", q, k) * scale
            attn_score = tf.reshape(attn_score, [batch_size, height, width, height * width])

            attn_score = tf.nn.softmax(attn_score, -1)
            attn_score = tf.reshape(attn_score, [batch_size, height, width, height, width])

            proj = tf.einsum("bhwHW,bHWc->bhwc", attn_score, v)
            proj = self.proj(proj)

        return inputs + proj

    def get_config(self):
        config = super().get_config()
        config['units'] = self.units
        config['groups'] = self.groups
        config['is3d'] = self.is3d
        config['norm'] = self.norm
        config['query'] = self.query
        config['key'] = self.key
        config['value'] = self.value
        config['proj'] = self.proj

        return config

    @classmethod
    def from_config(cls, config):
        config['norm'] = keras.layers.deserialize(config['norm'])
        config['query'] = keras.layers.deserialize(config['query'])
        config['key'] = keras.layers.deserialize(config['key'])
        config['value'] = keras.layers.deserialize(config['value'])
        config['proj'] = keras.layers.deserialize(config['proj'])

        return cls(**config)

    def build(self, input_shape = None):
        pass


@keras.saving.register_keras_serializable('voxel-nn')
class TimeEmbedding(layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.half_dim = dim // 2
        self.emb = math.log(10000) / (self.half_dim - 1)
        self.emb = tf.exp(tf.range(self.half_dim, dtype=tf.float32) * -self.emb)

    def call(self, inputs):
        inputs = tf.cast(inputs, dtype=tf.float32)
        emb = inputs[:, None] * self.emb[None, :]
        emb = tf.concat([tf.sin(emb), tf.cos(emb)], axis=-1)
        return emb

    def get_config(self):
        config = super().get_config()
        config['dim'] = self.dim

        return config

    def build(self, input_shape = None):
        pass


def build_model():
    data_input = layers.Input(shape=(8, 8, 4), name='input')
    time_input = layers.Input(shape=(), dtype=tf.int64, name='time_input')

    x = layers.Conv2D(8, kernel_size=3, padding='same', kernel_initializer=kernel_init(1.0))(data_input)

    time_embedding = TimeEmbedding(dim=8)(time_input)
    time_embedding = layers.Dense(8, activation=keras.activations.swish, kernel_initializer=kernel_init(1.0))(time_embedding)
    time_embedding = layers.Dense(8, activation=keras.activations.swish, kernel_initializer=kernel_init(1.0))(time_embedding)

    x = layers.Add()([x, layers.Reshape((1, 1, 8))(time_embedding)])
    x = AttentionBlock(is3d=False, units=8, groups=4)(x)
    x = layers.Conv2D(4, kernel_size=3, padding="same", kernel_initializer=kernel_init(0.0))(x)
    return keras.Model([data_input, time_input], x, name="unet")
