"""The VAE example's `Sampling` layer: random noise drawn in `call()` from a `SeedGenerator` created in `__init__`.

Random tensors made in `call()` look like state created per call, but the noise is meant to be new
each step, and its only state, the seed generator, is created once in `__init__` and tracked.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/generative/vae.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_vae_sampling_seed_generator.py:
as returned: Functional, count_params() = 25252, 8 weights, unbuilt: none
after call: count_params() = 25252, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sampling': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class Sampling(layers.Layer):
    """Uses (z_mean, z_log_var) to sample z, the vector encoding a digit."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        epsilon = keras.random.normal(shape=ops.shape(z_mean), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


def build_model(latent_dim=2):
    encoder_inputs = keras.Input(shape=(28, 28, 1))
    x = layers.Conv2D(8, 3, activation="relu", strides=2, padding="same")(encoder_inputs)
    x = layers.Flatten()(x)
    x = layers.Dense(16, activation="relu")(x)
    z_mean = layers.Dense(latent_dim, name="z_mean")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
    z = Sampling()([z_mean, z_log_var])
    return keras.Model(encoder_inputs, [z_mean, z_log_var, z], name="encoder")
