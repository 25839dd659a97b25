"""A VAE whose encoder and decoder functional models (with a weightless `Sampling` layer) are made
inside a `build_vae()` helper and handed to a `VAE(Model)` wrapper that trains them in `train_step`
through `self.trainable_weights`.

From halimelsaputra/Kelompok7_Variational-Autoencoder_handwriting-generator (`vae.py`). The sub-models
live only as locals of the helper and reach the wrapper through its constructor; the wrapper has no
`build()` and no weights of its own. This looks like the "sub-model made in a helper, not tracked"
shape, but the encoder and decoder are assigned as attributes after `super().__init__()`, so Keras
tracks them and `self.trainable_weights` holds all their weights.

Porting edits: the file's broken indentation (a Markdown code fence around the helper's body)
restored; `tensorflow.keras` -> `keras`; image 28x28 -> 8x8, Dense 256/128 -> 16/8; a `call()`
added to the wrapper that runs the same forward path as `train_step` (encoder, then decoder on `z`)
so the wrapper can be called once; `build_model()` returns `(vae, inputs)` from `build_vae()`.
"""

SOURCE = "https://github.com/halimelsaputra/Kelompok7_Variational-Autoencoder_handwriting-generator/blob/286a965727b823d51dc9559dc78dc083fc34cad7/vae.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/okac_kelompok7vae_encoder_decoder_from_build_vae_helper_on_wrapper.py:
as returned: VAE, count_params() = count_params() raised ValueError, 14 weights, unbuilt: none
after call: count_params() = 2468, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sampling': 0}
second call: 0 variables watched that the first call did not use
(The ValueError before the first call is Keras refusing count_params() on a subclassed Model that
has not been called yet; its 14 weights -- all of the encoder's and decoder's -- are already listed.)"""

import numpy as np
import tensorflow as tf
import keras
from keras import layers, Model

# =================================================
# Variational Autoencoder (VAE)
# =================================================


class Sampling(layers.Layer):
    """Reparameterization: z = mean + exp(log_var / 2) * epsilon"""
    def call(self, inputs):
        z_mean, z_log_var = inputs
        epsilon = tf.random.normal(shape=tf.shape(z_mean))
        return z_mean + tf.exp(0.5 * z_log_var) * epsilon


def build_vae(latent_dim=2):
    # =================================================
    #  Encoder
    # =================================================
    encoder_inputs = layers.Input(shape=(8, 8, 1))

    x = layers.Flatten()(encoder_inputs)
    x = layers.Dense(16, activation="relu")(x)
    x = layers.Dense(8, activation="relu")(x)

    z_mean = layers.Dense(latent_dim, name="z_mean")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)

    z = Sampling()([z_mean, z_log_var])

    encoder = Model(encoder_inputs, [z_mean, z_log_var, z], name="encoder")

    # =================================================
    #  Decoder
    # =================================================
    latent_inputs = layers.Input(shape=(latent_dim,))
    x = layers.Dense(8, activation="relu")(latent_inputs)
    x = layers.Dense(16, activation="relu")(x)
    x = layers.Dense(8 * 8, activation="sigmoid")(x)
    decoder_outputs = layers.Reshape((8, 8, 1))(x)

    decoder = Model(latent_inputs, decoder_outputs, name="decoder")

    # =================================================
    #  VAE Model (Custom training step)
    # =================================================
    class VAE(Model):
        def __init__(self, encoder, decoder, **kwargs):
            super(VAE, self).__init__(**kwargs)
            self.encoder = encoder
            self.decoder = decoder

        def call(self, data):
            z_mean, z_log_var, z = self.encoder(data)
            return self.decoder(z)

        def train_step(self, data):
            if isinstance(data, tuple):
                data = data[0]

            with tf.GradientTape() as tape:
                z_mean, z_log_var, z = self.encoder(data)
                reconstruction = self.decoder(z)

                # Reconstruction loss
                reconstruction_loss = tf.reduce_mean(
                    keras.losses.binary_crossentropy(data, reconstruction)
                ) * 8 * 8

                # KL Divergence loss
                kl_loss = -0.5 * tf.reduce_sum(
                    1 + z_log_var - tf.square(z_mean) - tf.exp(z_log_var)
                )

                total_loss = reconstruction_loss + kl_loss

            grads = tape.gradient(total_loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(grads, self.trainable_weights))

            return {
                "loss": total_loss,
                "reconstruction_loss": reconstruction_loss,
                "kl_loss": kl_loss,
            }

    vae = VAE(encoder, decoder)
    return vae, encoder, decoder


def build_model():
    vae, encoder, decoder = build_vae()
    inputs = np.random.default_rng(0).random((2, 8, 8, 1)).astype("float32")
    return vae, inputs
