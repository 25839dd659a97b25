"""The 2016 Keras VAE example instantiates `decoder_h`/`decoder_mean` once, calls them on the sampled `z` inside the
VAE and again on a fresh `Input` to build the `generator` after training: intended sharing across two models, both
see the same trained variables (correct look-alike of LD007/LD008: the shared Dense layers are called from two
different graphs and two different input tensors).

From keras-team/keras, `examples/variational_autoencoder.py` (Keras 1 era). The script says "we instantiate these
layers separately so as to reuse them later": `decoder_h = Dense(intermediate_dim, activation='relu')`,
`decoder_mean = Dense(original_dim, activation='sigmoid')`, `x_decoded_mean = decoder_mean(decoder_h(z))` for
`vae = Model(x, x_decoded_mean)`; after `vae.fit(...)` it builds `decoder_input = Input(shape=(latent_dim,))` and
`generator = Model(decoder_input, decoder_mean(decoder_h(decoder_input)))`. Both calls get (batch, latent_dim)
inputs, so the kernels fit; the generator's weights are the VAE's decoder weights, trained by `vae.fit`.

Porting edits: `K.random_normal(..., mean=0., std=epsilon_std)` -> `keras.random.normal(..., mean=0., stddev=epsilon_std)`
(Keras 3 names); the loss, training, MNIST loading and plotting are left out (they do not change the wiring).
build_model() returns the VAE as the script builds it; the generator is built the same way in `build_generator()`
for the probe.
"""

SOURCE = "https://github.com/keras-team/keras/blob/cb468fe5046f0be12561fa93e15ab2876e07861e/examples/variational_autoencoder.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/okbs_kerasexamples_vae_decoder_layers_reused_for_generator_model.py:
as returned: Functional, count_params() = 202516, 10 weights, unbuilt: none
after call: count_params() = 202516, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_vae.py): "generator weights that are VAE weights: 4 of 4"; vae params 202516, generator params 101520;
after one `vae.fit` epoch on random data "generator output changed by vae.fit: True"; no warning printed."""

import keras
from keras.layers import Input, Dense, Lambda
from keras.models import Model

batch_size = 16
original_dim = 784
latent_dim = 2
intermediate_dim = 128
epsilon_std = 0.01


def build_vae_and_generator():
    x = Input(batch_shape=(batch_size, original_dim))
    h = Dense(intermediate_dim, activation='relu')(x)
    z_mean = Dense(latent_dim)(h)
    z_log_std = Dense(latent_dim)(h)

    def sampling(args):
        z_mean, z_log_std = args
        epsilon = keras.random.normal(shape=(batch_size, latent_dim),
                                      mean=0., stddev=epsilon_std)
        return z_mean + keras.ops.exp(z_log_std) * epsilon

    z = Lambda(sampling, output_shape=(latent_dim,))([z_mean, z_log_std])

    # we instantiate these layers separately so as to reuse them later
    decoder_h = Dense(intermediate_dim, activation='relu')
    decoder_mean = Dense(original_dim, activation='sigmoid')
    h_decoded = decoder_h(z)
    x_decoded_mean = decoder_mean(h_decoded)

    vae = Model(x, x_decoded_mean)

    # build a digit generator that can sample from the learned distribution
    decoder_input = Input(shape=(latent_dim,))
    _h_decoded = decoder_h(decoder_input)
    _x_decoded_mean = decoder_mean(_h_decoded)
    generator = Model(decoder_input, _x_decoded_mean)
    return vae, generator


def build_model():
    vae, _ = build_vae_and_generator()
    return vae
