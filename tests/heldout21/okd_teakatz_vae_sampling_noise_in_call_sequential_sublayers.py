"""A subclassed VAE whose `Encoder`/`Decoder` layers wrap a `keras.Sequential` built in `__init__` (no
`build()`), and whose `Sampling` layer draws `tf.random.normal` noise inside `call()` from the
concrete batch size `z_mean.shape[0]` and takes `z_mean, z_log_var` as two positional arguments.

From TeaKatz/Models_Corpus (`VAEs/VAE.py` with `VAEs/layers/Encoder.py`, `VAEs/layers/Decoder.py`
and `VAEs/SimpleVAE/layers/Sampling.py`). Looks like several traps: a random tensor made in `call()`
(LD002/LD001 look-alike), Sequential sublayers on a Layer that never overrides `build()`, and a layer
called with two tensors. On Keras 3 (eager, as the author's custom training loop runs it) the noise is
fresh per call by design and holds no state, the Sequential encoder/decoder and the two Dense heads are
tracked and built by the first call, and all of them get gradients.

Porting edits: `tf.keras` -> `keras` (tf ops kept); the repository's `CustomModel` base class (not in
the stored files) replaced by `keras.Model`; 8x8x1 images, Conv widths 32/64 -> 4/8, Dense 32 -> 8,
latent_dim=2, `shape_before_flattening=(4, 4, 8)`; `np.prod(...)` wrapped in `int()` (Keras 3 Dense
rejects the numpy int64: "Received an invalid value for `units`, expected a positive integer"); `build_model()` calls the VAE on a batch of two
images.
"""

SOURCE = "https://github.com/TeaKatz/Models_Corpus/blob/89f4d864b873e9b2830d03c043a0d590d48683df/VAEs/VAE.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/okd_teakatz_vae_sampling_noise_in_call_sequential_sublayers.py:
as returned: VAE, count_params() = 5829, 28 weights, unbuilt: none
after call: count_params() = 5829, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 2572, 'sampling': 0, 'decoder': 3257}
second call: 0 variables watched that the first call did not use
Own script /tmp/mine21a/vaefit.py (one Adam step on reconstruction + KL): 28 gradients, 0 None, 28/28
variables change; Sampling owns no weights and two calls give different reconstructions (fresh noise,
as intended)."""

import numpy as np
import tensorflow as tf
import keras


class Encoder(keras.layers.Layer):
    def __init__(self, latent_dim):
        super().__init__()
        self.hidden_layers = keras.Sequential([
            keras.layers.Conv2D(4, 3, padding="same", activation="relu"),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu", strides=(2, 2)),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.Flatten(),
            keras.layers.Dense(8, activation="relu")
        ])
        self.out1 = keras.layers.Dense(latent_dim)
        self.out2 = keras.layers.Dense(latent_dim)

    def call(self, inp_images):
        x = self.hidden_layers(inp_images)
        z_mean = self.out1(x)
        z_log_var = self.out2(x)
        return z_mean, z_log_var


class Decoder(keras.layers.Layer):
    def __init__(self, shape_before_flatten):
        super().__init__()
        self.hidden_layers = keras.Sequential([
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(int(np.prod(shape_before_flatten)), activation="relu"),
            keras.layers.Reshape(shape_before_flatten),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.Conv2DTranspose(8, 3, padding="same", activation="relu", strides=(2, 2)),
            keras.layers.Conv2D(4, 3, padding="same", activation="relu"),
            keras.layers.Conv2D(1, 3, padding="same", activation="sigmoid")
        ])

    def call(self, z_sampling):
        decoded_images = self.hidden_layers(z_sampling)
        return decoded_images


class Sampling(keras.layers.Layer):
    def __init__(self, latent_dim):
        super().__init__()
        self.latent_dim = latent_dim

    def call(self, z_mean, z_log_var):
        epsilon = tf.random.normal(shape=(z_mean.shape[0], self.latent_dim), mean=0.0, stddev=1.0)
        z = z_mean + tf.exp(z_log_var) * epsilon
        return z


class VAE(keras.Model):
    def __init__(self, shape_before_flattening, latent_dim):
        super().__init__()
        self.encoder = Encoder(latent_dim)
        self.sampling = Sampling(latent_dim)
        self.decoder = Decoder(shape_before_flattening)

    def call(self, inp):
        z_mean, z_log_var = self.encoder(inp)
        z = self.sampling(z_mean, z_log_var)
        y_pred = self.decoder(z)
        return y_pred, z_mean, z_log_var


def build_model():
    images = np.random.default_rng(0).random((2, 8, 8, 1)).astype("float32")
    vae = VAE(shape_before_flattening=(4, 4, 8), latent_dim=2)
    vae(images)
    return vae, images
