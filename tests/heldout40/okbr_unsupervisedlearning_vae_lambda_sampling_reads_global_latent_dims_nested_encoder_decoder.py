"""A Keras VAE samples with `keras.layers.Lambda(sampling)` where `sampling` reads the module-level `latent_dims`
and draws fresh noise, and the VAE is `decoder(encoder(inputs)[2])` over two nested Models: the Lambda captures only
an int and holds no state, every Dense of both halves is tracked and trained (look-alike).

From luke-dinh/Unsupervised-Learning (course notebooks and scripts), `03-AutoEncoder/train/vae_tf.py`: an MNIST MLP
VAE (784 -> 512 -> 256 -> 128 -> 64, then 2-d `z_mean`/`z_log_sigma`), `sampling(args)` returning
`z_mean + exp(z_log_sigma) * epsilon` with `epsilon ~ N(0, 0.1)` of shape `(batch, latent_dims)`, an `encoder` Model
with three outputs, a `decoder` Model from a separate `Input`, and `vae = Model(inputs, decoder(encoder(inputs)[2]))`.
A checker sees a Lambda whose function uses a name defined outside it (LD012-looking) and a global read at call time;
neither is a weight, and the Lambda has none to lose.

Porting edits: Keras 3's `keras.backend` has no `random_normal`, `shape` or `exp`; they are spelled
`keras.random.normal`, `keras.ops.shape` and `keras.ops.exp` (the same ops). The unused `mnist` import is left out;
module-level model code moved into build_model(), names kept.
"""

SOURCE = "https://github.com/luke-dinh/Unsupervised-Learning/blob/3373e1135583c70db7e377be0530566b81aaa9f1/03-AutoEncoder/train/vae_tf.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/okbr_unsupervisedlearning_vae_lambda_sampling_reads_global_latent_dims_nested_encoder_decoder.py:
as returned: Functional, count_params() = 1149972, 22 weights, unbuilt: none
after call: count_params() = 1149972, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(1149972 = encoder 574660 + decoder 575312, every Dense of both nested Models.)"""

import keras
from keras.layers import Dense
from keras import ops

encoding_dim = 64
latent_dims = 2


# Sampling block

def sampling(args):

    z_mean, z_log_sigma = args

    epsilon = keras.random.normal(shape=(ops.shape(z_mean)[0], latent_dims),
                                  mean=0, stddev=0.1)

    return z_mean + ops.exp(z_log_sigma) * epsilon


def build_model():
    inputs = keras.Input(shape=(784,))

    # Encoder block
    encoder = Dense(512, activation='relu')(inputs)
    encoder = Dense(256, activation='relu')(encoder)
    encoder = Dense(128, activation='relu')(encoder)
    h = Dense(encoding_dim, activation='relu')(encoder)

    z_mean = Dense(latent_dims)(h)
    z_log_sigma = Dense(latent_dims)(h)

    z = keras.layers.Lambda(sampling)([z_mean, z_log_sigma])
    encoder = keras.Model(inputs, [z_mean, z_log_sigma, z], name='encoder')

    latent_inputs = keras.Input(shape=(latent_dims, ), name='z_sampling')
    x = Dense(encoding_dim, activation='relu')(latent_inputs)

    # Decoder block
    decode = Dense(128, activation='relu')(x)
    decode = Dense(256, activation='relu')(decode)
    decode = Dense(512, activation='relu')(decode)
    output = Dense(784, activation='sigmoid')(decode)

    decoder = keras.Model(latent_inputs, output, name='decoder')

    final_out = decoder(encoder(inputs)[2])

    vae = keras.Model(inputs, final_out, name='vae')
    return vae
