"""Correct: the Keras-blog variational autoencoder samples z with a `Lambda(sampling)` whose function reads module-level settings, and reuses the decoder layers in a second "generator" model.

Francois Chollet's "Building Autoencoders in Keras" (blog.keras.io) builds the VAE functionally:
`sampling(args)` draws `K.random_normal(shape=(K.shape(z_mean)[0], latent_dim), ...)` using the
globals `latent_dim` and `epsilon_std`; `decoder_h` and `decoder_mean` are created once and called
both in the VAE and, on a fresh Input, in the standalone generator. A Lambda whose function uses
names from outside and layers shared between two models look like the captured-state and
incompatible-reuse bugs, but the captured names are plain numbers (no variables, no layers) and
the shared layers get inputs of the same width. All weights are tracked.
"""

SOURCE = "https://blog.keras.io/building-autoencoders-in-keras.html"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oks_keras_blog_vae_lambda_sampling.py:
as returned: Functional, count_params() = 404244, 10 weights, unbuilt: none
after call: count_params() = 404244, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

from tensorflow.keras import backend as K
from tensorflow.keras.layers import Dense, Input, Lambda
from tensorflow.keras.models import Model

batch_size = 100
original_dim = 784
latent_dim = 2
intermediate_dim = 256
epsilon_std = 1.0


def sampling(args):
    z_mean, z_log_sigma = args
    epsilon = K.random_normal(shape=(K.shape(z_mean)[0], latent_dim),
                              mean=0., stddev=epsilon_std)
    return z_mean + K.exp(z_log_sigma) * epsilon


def build_model():
    x = Input(shape=(original_dim,))
    h = Dense(intermediate_dim, activation='relu')(x)
    z_mean = Dense(latent_dim)(h)
    z_log_sigma = Dense(latent_dim)(h)

    # note that "output_shape" isn't necessary with the TensorFlow backend
    # so you could write `Lambda(sampling)([z_mean, z_log_sigma])`
    z = Lambda(sampling, output_shape=(latent_dim,))([z_mean, z_log_sigma])

    decoder_h = Dense(intermediate_dim, activation='relu')
    decoder_mean = Dense(original_dim, activation='sigmoid')
    h_decoded = decoder_h(z)
    x_decoded_mean = decoder_mean(h_decoded)

    # end-to-end autoencoder
    vae = Model(x, x_decoded_mean)

    # encoder, from inputs to latent space
    encoder = Model(x, z_mean)

    # generator, from latent space to reconstructed inputs
    decoder_input = Input(shape=(latent_dim,))
    _h_decoded = decoder_h(decoder_input)
    _x_decoded_mean = decoder_mean(_h_decoded)
    generator = Model(decoder_input, _x_decoded_mean)

    vae.compile(optimizer='rmsprop', loss='binary_crossentropy')
    return vae
