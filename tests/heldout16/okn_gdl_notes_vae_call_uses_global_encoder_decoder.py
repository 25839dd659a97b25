"""Correct: a VAE `Model` subclass (Generative Deep Learning, 2nd ed., chapter 3, as written up in
these study notes) whose `call()` runs the module-level globals `encoder(inputs)` and `decoder(z)`
instead of `self.encoder` / `self.decoder`, and whose `train_step` differentiates
`self.trainable_weights`.

Looks like the "global layer used inside call()" bug (the weights of a global used in `call` are
not the model's) and like a tape list that could miss the encoder/decoder. But the same two
objects are also handed to `__init__` and stored as `self.encoder` / `self.decoder`, so the VAE
tracks them: `self.trainable_weights` holds every encoder and decoder weight, every one gets a
gradient from the total (reconstruction + KL) loss, and `fit` updates them all. (It would break
only if a VAE were built from *other* encoder/decoder objects than the globals.)

Porting edits: the book's convolutional encoder/decoder shrunk to Dense ones on 8x8x1 images with
a 2-d latent space (same three encoder outputs, same `Sampling` layer); the global models are
created in `build_model()` with `global encoder, decoder` so that importing the module stays cheap;
`tf.keras` -> `keras`; the notes' numbered call-outs (`1`, `2`, ...) removed.
"""

SOURCE = "https://github.com/mynlpnotes/mynotes/blob/7818d02a1533f4edea5e8b921da6a42361e8ccfc/generative-deep-learning/3.variational-autoencoders/training-the-vae.md"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okn_gdl_notes_vae_call_uses_global_encoder_decoder.py:
as returned: VAE, count_params() = count_params() raised ValueError, 10 weights, unbuilt: none
after call: count_params() = 2244, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sampling': 0}
second call: 0 variables watched that the first call did not use
(count_params() before the first call refuses only because the subclassed VAE itself is not built yet)
Own script (/tmp/mine16b/vae_check.py): vae weights 10 params 2244 (encoder 1108 + decoder 1136);
same objects: vae.encoder is the global encoder True, vae.decoder is the global decoder True;
fit 1 epoch (32 images, batch 16) changed all 10 trainable weights."""

import numpy as np
import tensorflow as tf

import keras
from keras import layers, losses, metrics, models

encoder = None
decoder = None


class Sampling(layers.Layer):
    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = tf.shape(z_mean)[0]
        dim = tf.shape(z_mean)[1]
        epsilon = keras.random.normal(shape=(batch, dim))
        return z_mean + tf.exp(0.5 * z_log_var) * epsilon


class VAE(models.Model):
    def __init__(self, encoder, decoder, **kwargs):
        super(VAE, self).__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.total_loss_tracker = metrics.Mean(name="total_loss")
        self.reconstruction_loss_tracker = metrics.Mean(
            name="reconstruction_loss"
        )
        self.kl_loss_tracker = metrics.Mean(name="kl_loss")

    @property
    def metrics(self):
        return [
            self.total_loss_tracker,
            self.reconstruction_loss_tracker,
            self.kl_loss_tracker,
        ]

    def call(self, inputs):
        z_mean, z_log_var, z = encoder(inputs)
        reconstruction = decoder(z)
        return z_mean, z_log_var, reconstruction

    def train_step(self, data):
        with tf.GradientTape() as tape:
            z_mean, z_log_var, reconstruction = self(data)
            reconstruction_loss = tf.reduce_mean(
                500
                * losses.binary_crossentropy(
                    data, reconstruction, axis=(1, 2, 3)
                )
            )
            kl_loss = tf.reduce_mean(
                tf.reduce_sum(
                    -0.5
                    * (1 + z_log_var - tf.square(z_mean) - tf.exp(z_log_var)),
                    axis=1,
                )
            )
            total_loss = reconstruction_loss + kl_loss

        grads = tape.gradient(total_loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(grads, self.trainable_weights))

        self.total_loss_tracker.update_state(total_loss)
        self.reconstruction_loss_tracker.update_state(reconstruction_loss)
        self.kl_loss_tracker.update_state(kl_loss)

        return {m.name: m.result() for m in self.metrics}


def build_model():
    global encoder, decoder
    encoder_input = layers.Input(shape=(8, 8, 1), name="encoder_input")
    x = layers.Flatten()(encoder_input)
    x = layers.Dense(16, activation="relu")(x)
    z_mean = layers.Dense(2, name="z_mean")(x)
    z_log_var = layers.Dense(2, name="z_log_var")(x)
    z = Sampling()([z_mean, z_log_var])
    encoder = models.Model(encoder_input, [z_mean, z_log_var, z], name="encoder")

    decoder_input = layers.Input(shape=(2,), name="decoder_input")
    x = layers.Dense(16, activation="relu")(decoder_input)
    x = layers.Dense(64, activation="sigmoid")(x)
    decoder_output = layers.Reshape((8, 8, 1))(x)
    decoder = models.Model(decoder_input, decoder_output, name="decoder")

    vae = VAE(encoder, decoder)
    vae.compile(optimizer="adam")
    return vae, np.random.default_rng(0).random((4, 8, 8, 1)).astype("float32")
