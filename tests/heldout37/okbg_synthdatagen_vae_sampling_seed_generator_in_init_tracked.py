"""Look-alike: a VAE `Sampling` layer that stores `keras.random.SeedGenerator(seed)` on `self` in `__init__` and
draws `keras.random.normal` in call(); the generator's state is a tracked Keras variable and no weight is missing.

From Engineering-Research-and-Development/synthetic-data-generator,
`src/generator/ai_lib/data_generator/models/keras/Sampling.py` (the Keras 3 port of the keras.io VAE sampling layer
used by the project's TabularVAE and TimeSeriesVAE). A checker that flags `keras.random.*` objects stored on `self`
(LD001) or random draws in call() (LD002) would fire here, but the SeedGenerator is Keras's own RNG state: its
seed variable appears in the layer's non-trainable variables, and the draw inside call() creates no state.

Porting edits: the author's `from keras.api import layers, ops` becomes `from keras import layers, ops`
(`keras.api` is not importable as a module on Keras 3.15.1: ModuleNotFoundError); the layer is unchanged. build_model()
wires the encoder exactly as `TabularVAE._build` does (Dense 32-64-16 relu, `z_mean`/`z_log_var`, then
`Sampling()([z_mean, z_log_var])`) for an input of 6 features and latent_dim 2; the decoder and the custom VAE
Model class (VAE.py, not in the stored snapshot) are left out.
"""

SOURCE = "https://github.com/Engineering-Research-and-Development/synthetic-data-generator/blob/b6d864babeb887b0761b54a06003234ecc5cc3d2/src/generator/ai_lib/data_generator/models/keras/Sampling.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bg/okbg_synthdatagen_vae_sampling_seed_generator_in_init_tracked.py:
as returned: Functional, count_params() = 3444, 10 weights, unbuilt: none
after call: count_params() = 3444, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sampling': 0}
second call: 0 variables watched that the first call did not use
probe (probe_bg_seed.py): Sampling.variables = [('seed_generator/seed_generator_state', trainable=False)] (RNG
state, not a weight, so not in count_params()); the state goes [42, 0] -> [42, 2] over two calls and the two
draws differ."""

import keras
from keras import layers, ops  # author: from keras.api import layers, ops


class Sampling(layers.Layer):
    """Uses (z_mean, z_log_var) to sample z, the vector encoding a digit."""

    def __init__(self, seed: int = 42, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = ops.shape(z_mean)[0]
        dim = ops.shape(z_mean)[1]
        epsilon = keras.random.normal(shape=(batch, dim), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


def build_model():
    input_shape = (6,)
    latent_dim = 2
    encoder_inputs = keras.Input(shape=input_shape)
    x = layers.Dense(32, activation="relu")(encoder_inputs)
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dense(16, activation="relu")(x)
    z_mean = layers.Dense(latent_dim, name="z_mean")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
    z = Sampling()([z_mean, z_log_var])
    encoder = keras.Model(encoder_inputs, [z_mean, z_log_var, z], name="encoder")
    return encoder
