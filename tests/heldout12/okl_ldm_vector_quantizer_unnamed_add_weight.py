"""Latent-diffusion VQ autoencoder: the VectorQuantizer creates its codebook with a bare
`self.add_weight(...)` whose result is never stored, and call() reads it back as
`self.trainable_weights[0]`.

The codebook has no attribute of its own, the distance computation and the lookup go through
`self.trainable_weights[0]`, and the quantised latents pass through the straight-through
`latents + tf.stop_gradient(quantized - latents)`, so at first sight the codebook looks untracked
and cut off from the gradient. On Keras 3 a weight made by add_weight is tracked by the layer
whether or not it is assigned, `trainable_weights` returns it, and the codebook gets its gradient
from the returned codebook loss (and the gather); the layer also returns that loss instead of
calling add_loss, which is how the repository's training step uses it.
"""

SOURCE = "https://github.com/chao-ji/ldm_tf2/blob/master/quantize.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okl_ldm_vector_quantizer_unnamed_add_weight.py:
as returned: VQAutoencoder, count_params() = 1647, 13 weights, unbuilt: none
after call: count_params() = 1647, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'vector_quantizer': 64}
second call: 0 variables watched that the first call did not use
(the 16x4 = 64 codebook values are the vector_quantizer's weight and get a non-None gradient.)"""

import numpy as np
import tensorflow as tf


# ---- quantize.py -------------------------------------------------------------------------------
class VectorQuantizer(tf.keras.layers.Layer):
  def __init__(self, vocab_size, hidden_size, beta):
    super(VectorQuantizer, self).__init__()
    self._vocab_size = vocab_size
    self._hidden_size = hidden_size
    self._beta = beta

  def build(self, inputs_shape):
    """Creates weights of this layer."""
    self.add_weight(name='kernel',
                    shape=[self._vocab_size, self._hidden_size],
                    #initializer=self._kernel_initializer,
                    dtype='float32',
                    trainable=True)
    super(VectorQuantizer, self).build(inputs_shape)

  def call(self, latents):
    """Compute the codebook loss and return the quantized latent variable."""
    # [batch_size * z_height * z_width, hidden_size]
    outputs = tf.reshape(latents, (-1, self._hidden_size))

    # squared pairwise Euclidean distances between
    # `outputs`: [batch_size * z_height * z_width, hidden_size]
    # `self.trainable_weights[0]`: [vocab_size, hidden_size]
    outputs = (
        tf.reduce_sum(outputs ** 2, axis=1, keepdims=True) +
        tf.reduce_sum(self.trainable_weights[0] ** 2, axis=1) -
        2 * tf.matmul(outputs, tf.transpose(self.trainable_weights[0]))
    )

    # [batch_size * z_height * z_width]
    min_encoding_indices = tf.argmin(outputs, axis=1)

    # [batch_size, z_height, z_width, hidden_size]
    quantized_latents= tf.reshape(
        tf.gather(self.trainable_weights[0], min_encoding_indices),
        latents.shape,
    )

    codebook_loss = (
        tf.reduce_mean((tf.stop_gradient(quantized_latents) - latents) ** 2 ) +
        self._beta *
            tf.reduce_mean((quantized_latents - tf.stop_gradient(latents)) ** 2
        )
    )

    # passed gradients from decoder unchanged back to incoder
    quantized_latents = latents + tf.stop_gradient(quantized_latents - latents)

    return quantized_latents, codebook_loss, min_encoding_indices


# ---- autoencoder.py (reduced) ------------------------------------------------------------------
class VQAutoencoder(tf.keras.Model):
  def __init__(self, latent_channels=4, vocab_size=16, beta=0.25):
    super(VQAutoencoder, self).__init__()
    self._encoder = tf.keras.Sequential([
        tf.keras.layers.Conv2D(16, 3, strides=2, padding='same', activation='relu'),
        tf.keras.layers.Conv2D(latent_channels, 1),
    ])
    self._quant_conv = tf.keras.layers.Conv2D(latent_channels, 1)
    self._quantizer = VectorQuantizer(vocab_size, latent_channels, beta)
    self._post_quant_conv = tf.keras.layers.Conv2D(latent_channels, 1)
    self._decoder = tf.keras.Sequential([
        tf.keras.layers.Conv2DTranspose(16, 3, strides=2, padding='same', activation='relu'),
        tf.keras.layers.Conv2D(3, 3, padding='same'),
    ])

  def encode(self, images):
    latents = self._quant_conv(self._encoder(images))
    quantized, codebook_loss, _ = self._quantizer(latents)
    return quantized, codebook_loss

  def decode(self, quantized):
    return self._decoder(self._post_quant_conv(quantized))

  def call(self, images):
    quantized, codebook_loss = self.encode(images)
    reconstructions = self.decode(quantized)
    return reconstructions, codebook_loss


def build_model():
  model = VQAutoencoder()
  images = np.random.default_rng(0).random((2, 16, 16, 3)).astype('float32')
  model(images)
  return model, images
