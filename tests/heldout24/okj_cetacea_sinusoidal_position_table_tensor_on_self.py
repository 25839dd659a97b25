"""A transformer for dolphin-whistle spectrogram patches whose `PositionalEmbedding` layer keeps the
sinusoidal position table as a plain float32 tensor on `self` (`self.pos_encoding = tf.cast(np...)`)
and adds a slice of it to its input in `call()`.

From dkohlsdorf/cetacea_transformer (`lib_cetacea/positional_embedding.py`, the TensorFlow
transformer tutorial's positional encoding; `Patches`, `GlobalSelfAttention` and `FeedForward` from
`lib_cetacea/patches.py` and `lib_cetacea/attention_layers.py` of the same commit). Looks like a
weight-like tensor made in `__init__` that is never a variable, but the table is the fixed
sinusoidal encoding, not a parameter: nothing is meant to learn it, so a constant is right. On Keras 3
every weight of the model (attention, norms, feed-forward) is tracked and gets a gradient, and the
table stays what it is.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*` / `np.*`); the repository's
`models.py` at this commit does not wire the layer yet, so the case wires it the way the tutorial
does: spectrogram (16x16x1) -> `Patches(patch_size=4)` -> `PositionalEmbedding(d_model=16)` ->
`GlobalSelfAttention(num_heads=2, key_dim=16)` -> `FeedForward(16, 16)` -> the author's
`Lambda(K.sum over patches)` (as `keras.ops.sum`) -> `Dense(3, softmax)` (the author's head is a
`FeedForward` with softmax); table length 2048 -> 64 (16 patches are used).
"""

SOURCE = "https://github.com/dkohlsdorf/cetacea_transformer/blob/0a1e0686e9d6e64d6fdc9a0f398c2a65e066ad02/lib_cetacea/positional_embedding.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okj_cetacea_sinusoidal_position_table_tensor_on_self.py:
as returned: Functional, count_params() = 2819, 18 weights, unbuilt: none
after call: count_params() = 2819, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patches': 0, 'positional_embedding': 0, 'global_self_attention': 2192, 'feed_forward': 576}
second call: 0 variables watched that the first call did not use
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/models/functional.py:259: UserWarning: The structure of `inputs` doesn't match the expected structure.
Expected: ['keras_tensor']
Received: inputs=Tensor(shape=(2, 16, 16, 1))
  warnings.warn(msg)
Own script (/tmp/mine24a/p7.py, categorical cross-entropy on two spectrograms): all 18 trainable
weights get a non-None gradient (max |g| from 1.8e-07 for the key bias, which softmax makes
shift-invariant, to 14.8); the positional_embedding layer has 0 weights by design (its table is the
fixed sinusoidal encoding, a float32 EagerTensor of shape (64, 16) on self, not meant to be learned).
The UserWarning is about the measure script passing a bare array to a list-input model."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer, MultiHeadAttention, LayerNormalization, Add, Dense, Dropout


class PositionalEmbedding(keras.layers.Layer):
  def __init__(self, d_model):
    super().__init__()
    self.d_model = d_model
    self.pos_encoding = PositionalEmbedding.positional_encoding(length=64, depth=d_model)

  @classmethod
  def positional_encoding(cls, length, depth):
    depth = depth/2
    positions = np.arange(length)[:, np.newaxis]
    depths = np.arange(depth)[np.newaxis, :]/depth
    angle_rates = 1 / (10000**depths)
    angle_rads = positions * angle_rates
    pos_encoding = np.concatenate(
        [np.sin(angle_rads), np.cos(angle_rads)],
        axis=-1)
    return tf.cast(pos_encoding, dtype=tf.float32)

  def call(self, x):
    length = tf.shape(x)[1]
    x *= tf.math.sqrt(tf.cast(self.d_model, tf.float32))
    x = x + self.pos_encoding[tf.newaxis, :length, :]
    return x


class Patches(keras.layers.Layer):
     def __init__(self, patch_size=10, **kwargs):
         super().__init__(**kwargs)
         self.patch_size = patch_size
         self.resize = keras.layers.Reshape((-1, patch_size * patch_size))

     def call(self, images):
         patches = tf.image.extract_patches(
             images=images,
             sizes=[1, self.patch_size, self.patch_size, 1],
             strides=[1, self.patch_size, self.patch_size, 1],
             rates=[1, 1, 1, 1],
             padding="SAME",)
         patches = self.resize(patches)
         return patches


class BaseAttention(Layer):
  def __init__(self, **kwargs):
    super().__init__()
    self.mha = MultiHeadAttention(**kwargs)
    self.layernorm = LayerNormalization()
    self.add = Add()


class GlobalSelfAttention(BaseAttention):
  def call(self, x):
    attn_output = self.mha(
        query=x,
        value=x,
        key=x)
    x = self.add([x, attn_output])
    x = self.layernorm(x)
    return x


class FeedForward(Layer):
  def __init__(self, d_model, dff, dropout_rate=0.1, activation='relu'):
    super().__init__()
    self.seq = keras.Sequential([
      Dense(dff, activation=activation),
      Dense(d_model),
      Dropout(dropout_rate)
    ])
    self.add = Add()
    self.layer_norm = LayerNormalization()

  def call(self, x):
    x = self.add([x, self.seq(x)])
    x = self.layer_norm(x)
    return x


def build_model():
  patch_size = 4
  i = keras.Input((16, 16, 1))
  p = Patches(patch_size=patch_size)(i)
  x = PositionalEmbedding(d_model=patch_size * patch_size)(p)
  x = GlobalSelfAttention(num_heads=2, key_dim=16)(x)
  x = FeedForward(patch_size * patch_size, 16)(x)
  e = keras.layers.Lambda(lambda x: keras.ops.sum(x, axis=1))(x)
  o = keras.layers.Dense(3, activation='softmax')(e)
  return keras.Model(inputs=[i], outputs=[o])
