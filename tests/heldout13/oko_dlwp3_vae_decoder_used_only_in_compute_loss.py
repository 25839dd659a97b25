"""Deep Learning with Python (3rd ed., Keras 3), chapter 17 VAE: the decoder and the sampler are used
only in `compute_loss()`, never in `call()`.

The book's `VAE(keras.Model)` stores a functional `encoder`, a functional `decoder`, a `Sampler` layer
(which keeps a `keras.random.SeedGenerator` and sets `self.built = True` in `__init__`) and two Mean
trackers.  `call()` returns only `self.encoder(inputs)`; `compute_loss()` samples z, runs
`self.decoder`, and adds the reconstruction and KL terms.  A sublayer that `call()` never touches
and a gradient probe on the model output alone (which reports None for every decoder weight) look like
LD005 / LD009, but Keras 3's `fit` goes through `compute_loss`, so the decoder is trained; both
sub-models are functional and therefore built, and the seed generator is ordinary tracked layer state.
"""

SOURCE = ("https://github.com/fchollet/deep-learning-with-python-notebooks/blob/"
          "dea84a4e12cc3bb3cb61ce952a0168bca113d315/chapter17_image-generation.ipynb")
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oko_dlwp3_vae_decoder_used_only_in_compute_loss.py:
as returned: VAE, count_params() = 134165, 18 weights, unbuilt: none
after call: count_params() = 134165, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 8 of 18 trainable weights: ['dense_1/kernel', 'dense_1/bias', 'conv2d_transpose/kernel', 'conv2d_transpose/bias', 'conv2d_transpose_1/kernel', 'conv2d_transpose_1/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sampler': 0}
second call: 0 variables watched that the first call did not use
Own script: vae.compile(optimizer=Adam()); vae.fit(x, epochs=1, batch_size=8) on 16 random 28x28x1
images: every encoder and decoder weight changes (18 of 18 trainable weights updated); no warning about
missing gradients.  The None gradients above come from the probe differentiating the encoder output
only, not from the training path."""

import keras
from keras import layers
from keras import ops

latent_dim = 2


class Sampler(keras.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator()
        self.built = True

    def call(self, z_mean, z_log_var):
        batch_size = ops.shape(z_mean)[0]
        z_size = ops.shape(z_mean)[1]
        epsilon = keras.random.normal(
            (batch_size, z_size), seed=self.seed_generator
        )
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


class VAE(keras.Model):
    def __init__(self, encoder, decoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.sampler = Sampler()
        self.reconstruction_loss_tracker = keras.metrics.Mean(
            name="reconstruction_loss"
        )
        self.kl_loss_tracker = keras.metrics.Mean(name="kl_loss")

    def call(self, inputs):
        return self.encoder(inputs)

    def compute_loss(self, x, y, y_pred, sample_weight=None, training=True):
        original = x
        z_mean, z_log_var = y_pred
        reconstruction = self.decoder(self.sampler(z_mean, z_log_var))

        reconstruction_loss = ops.mean(
            ops.sum(
                keras.losses.binary_crossentropy(x, reconstruction), axis=(1, 2)
            )
        )
        kl_loss = -0.5 * (
            1 + z_log_var - ops.square(z_mean) - ops.exp(z_log_var)
        )
        total_loss = reconstruction_loss + ops.mean(kl_loss)

        self.reconstruction_loss_tracker.update_state(reconstruction_loss)
        self.kl_loss_tracker.update_state(kl_loss)
        return total_loss


def make_encoder():
    image_inputs = keras.Input(shape=(28, 28, 1))
    x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same")(image_inputs)
    x = layers.Conv2D(64, 3, activation="relu", strides=2, padding="same")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(16, activation="relu")(x)
    z_mean = layers.Dense(latent_dim, name="z_mean")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
    return keras.Model(image_inputs, [z_mean, z_log_var], name="encoder")


def make_decoder():
    latent_inputs = keras.Input(shape=(latent_dim,))
    x = layers.Dense(7 * 7 * 64, activation="relu")(latent_inputs)
    x = layers.Reshape((7, 7, 64))(x)
    x = layers.Conv2DTranspose(64, 3, activation="relu", strides=2, padding="same")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu", strides=2, padding="same")(x)
    decoder_outputs = layers.Conv2D(1, 3, activation="sigmoid", padding="same")(x)
    return keras.Model(latent_inputs, decoder_outputs, name="decoder")


def build_model():
    import numpy as np
    vae = VAE(make_encoder(), make_decoder())
    vae.compile(optimizer=keras.optimizers.Adam())
    x = np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
    vae(x)
    return vae, x
