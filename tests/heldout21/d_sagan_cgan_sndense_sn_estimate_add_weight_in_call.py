"""A self-attention cGAN discriminator's spectrally normalised `SNDense` head that creates its power-
iteration vector `u` lazily: `self.u = None` in `__init__`, then `self.u = self.add_weight(
'sn_estimate', ...)` inside `compute_spectral_normal()`, which runs from `call()`.

From sthalles/self-attention-cgan (`layers/dense_sn.py` at the commit below; `ResnetDiscriminator`
uses it as the final `self.linear = SNDense(units=1, ...)` on the globally summed features). The
kernel and bias are made in `build()`, but the `sn_estimate` weight only on the first call, after
the layer is built - the repository later moved it into `build()`. On Keras 3 the first call of the
discriminator fails when `add_weight` is assigned to the built layer.

Porting edits: `tf.keras` -> `keras` for the base classes (tf ops kept); `power_iteration` copied in
from `layers/ops.py`; the SN residual blocks are replaced by one plain Conv2D(8, 3) + ReLU (the
repository's `Block`s are other SN layers), 8x8x3 images, `ch=8`, no class embedding (`y=None`);
`build_model()` calls the discriminator on a batch of two images with `training=True` as the
training loop does; `add_weight('sn_estimate', ...)` -> `add_weight(name='sn_estimate', ...)` (Keras 3
rejects a positional name: "`name` must be passed as a keyword argument").
"""

SOURCE = "https://github.com/sthalles/self-attention-cgan/blob/cee652c5b518b3866a2c5d88fc93b70a3b34be97/layers/dense_sn.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/d_sagan_cgan_sndense_sn_estimate_add_weight_in_call.py:
build_model() raised ValueError: Exception encountered when calling SNDense.call().
Own script /tmp/mine21a/sn_probe.py: the full message is "You cannot add new elements of state
(variables or sub-layers) to a layer that is already built. All state must be created in the
`__init__()` method or in the `build()` method." (raised at the lazy `self.u = self.add_weight(...)` on
the discriminator's first call). With the author's positional `add_weight('sn_estimate', ...)` Keras 3
fails earlier with "`name` must be passed as a keyword argument" (hence the porting edit)."""

import numpy as np
import tensorflow as tf
import keras


def _l2normalizer(v, eps=1e-12):
    """l2 normize the input vector."""
    return v / (tf.reduce_sum(v ** 2) ** 0.5 + eps)


def power_iteration(W, u, rounds=1):
    '''
    Accroding the paper, we only need to do power iteration one time.
    '''
    u_ = u

    for i in range(rounds):
        v_ = _l2normalizer(tf.matmul(u_, W, transpose_b=True))
        u_ = _l2normalizer(tf.matmul(v_, W))

    W_sn = tf.squeeze(tf.matmul(tf.matmul(v_, W), u_, transpose_b=True))
    return W_sn, u_, v_


class SNDense(keras.Model):
  def __init__(self, units, max_iters=1, kernel_initializer='normal', use_bias=True):
    super(SNDense, self).__init__()
    self.max_iters = max_iters
    self.units=units
    self.use_bias=use_bias
    self.kernel_initializer=kernel_initializer
    self.u = None

  def build(self,input_shape):
    # kernel shape [kernel_size, kernel_size, in_channels, out_channels]
    self.hidden_weights = self.add_weight(shape=(input_shape[-1], self.units),
                                          initializer=self.kernel_initializer,
                                          trainable=True,
                                          name='hidden_weights')
    if self.use_bias:
      self.bias = self.add_weight(name='bias', shape=[self.units],
                                    initializer='zeros', trainable=True)

  def compute_spectral_normal(self, weights, training):
    # Spectrally Normalized Weight
    W_shape = weights.shape.as_list()

    if self.u is None:
      # =[number_classes, embedding_size]
      self.u = self.add_weight(
        name='sn_estimate',
        shape=[1, W_shape[-1]],
        initializer='normal',
        dtype=weights.dtype,
        trainable=False)

    # Flatten the Tensor
    W_mat = tf.reshape(weights, [-1, W_shape[-1]])  # [-1, output_channel]
    W_sn, u, v = power_iteration(W_mat, self.u, rounds=self.max_iters)

    if training == True:
      # Update estimated 1st singular vector
      self.u.assign(u)

    W_mat = W_mat / W_sn
    w_bar = tf.reshape(W_mat, W_shape)

    return w_bar

  def call(self, x, training):
    hidden_layer = self.compute_spectral_normal(self.hidden_weights, training=training)
    hidden = tf.matmul(x, hidden_layer)
    if self.use_bias:
      hidden = tf.nn.bias_add(hidden,self.bias)
    return hidden


class ResnetDiscriminator(keras.Model):
  def __init__(self, ch, activation=keras.layers.ReLU(), n_classes=0):
    super(ResnetDiscriminator, self).__init__()
    initializer = keras.initializers.glorot_uniform()
    self.activation = activation
    self.block1 = keras.layers.Conv2D(ch, 3, padding='same')
    self.linear = SNDense(units=1, kernel_initializer=initializer)

  def call(self, x, y=None, training=None):
    h = x
    h = self.block1(h)
    h = self.activation(h)
    h = tf.reduce_sum(h, axis=(1, 2))
    output = self.linear(h, training=training)
    return output


def build_model():
    images = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    discriminator = ResnetDiscriminator(ch=8)
    discriminator(images, training=True)
    return discriminator, images
