"""The WGAN-GP of "Generative Deep Learning" (David Foster, 1st edition code) interpolates between real and generated
images with a `RandomWeightedAverage` layer whose `call()` draws `alpha = K.random_uniform((self.batch_size, 1, 1, 1))`
on every call. It looks like LD002 (a weight-like tensor created inside `call()`), but it is correct: `alpha` is not
state, it is the per-sample random mixing coefficient of the gradient penalty (Gulrajani et al. 2017) and must be
redrawn on every step; the layer has no weights to lose, and the critic it feeds is built once and trained. (The
`batch_size` is passed by hand because the book always trains with `train_on_batch` on full batches.)

From davidADSP/GDL_code, `models/WGANGP.py` at 243a77f: `WGANGP._build_adversarial()` builds the critic model
`Model([real_img, z_disc], [valid, fake, validity_interpolated])` with
`interpolated_img = RandomWeightedAverage(self.batch_size)([real_img, fake_img])` and
`validity_interpolated = self.critic(interpolated_img)`; the generator is frozen there (`set_trainable(..., False)`).

Porting edits: `tf.compat.v1.disable_eager_execution()` and the `K.gradients`-based gradient-penalty loss (graph-mode
only, not part of this case) are left out; the critic and generator are small stand-ins built the way `_build_critic`
/ `_build_generator` do (Conv2D + LeakyReLU critic on 28x28x1, Dense + Reshape + UpSampling2D/Conv2D generator from a
32-d z); the generator is frozen as in the original. build_model() returns the critic model and a batch of
`batch_size` = 4 real images and latent vectors.
"""

SOURCE = "https://github.com/davidADSP/GDL_code/blob/243a77fe4cb1cf1802410a22be830652e0ed391a/models/WGANGP.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/okcf_gdlcode_wgangp_randomweightedaverage_alpha_drawn_in_call.py:
as returned: Functional, count_params() = 47506, 12 weights, unbuilt: none
after call: count_params() = 47506, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 6 variables the model does not track: ['dense_1/kernel:0', 'dense_1/bias:0', 'generator_conv_0/kernel:0', 'generator_conv_0/bias:0', 'generator_conv_1/kernel:0', 'generator_conv_1/bias:0']
params of the case's own layers: {'random_weighted_average': 0}
second call: 0 variables watched that the first call did not use
(The 6 "untracked" are the frozen generator's weights: in model.weights (12), not trainable, as the original freezes the generator for the critic step.) probe_wgangp.py: RandomWeightedAverage on ones/zeros returns a fresh alpha per sample on each call, all in [0, 1] (e.g. [0.526 0.895 0.342 0.62] then [0.747 0.479 0.169 0.363]); the layer holds 0 weights and creates no variable; compile + 2 fit epochs change 6 of 6 critic weights. No warning printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Input, Conv2D, Flatten, Dense, Reshape, LeakyReLU, UpSampling2D, Activation
from tensorflow.keras.layers import Layer
from tensorflow.keras.models import Model
from tensorflow.keras import backend as K


class RandomWeightedAverage(Layer):
    def __init__(self, batch_size):
        super().__init__()
        self.batch_size = batch_size
    """Provides a (random) weighted average between real and generated image samples"""
    def call(self, inputs):
        alpha = K.random_uniform((self.batch_size, 1, 1, 1))
        return (alpha * inputs[0]) + ((1 - alpha) * inputs[1])


def _build_critic(input_dim=(28, 28, 1)):
    critic_input = Input(shape=input_dim, name='critic_input')
    x = critic_input
    for i, (f, s) in enumerate([(16, 2), (32, 2)]):
        x = Conv2D(filters=f, kernel_size=5, strides=s, padding='same', name='critic_conv_' + str(i))(x)
        x = LeakyReLU(0.2)(x)
    x = Flatten()(x)
    critic_output = Dense(1, activation=None)(x)
    return Model(critic_input, critic_output)


def _build_generator(z_dim=32):
    generator_input = Input(shape=(z_dim,), name='generator_input')
    x = Dense(7 * 7 * 16)(generator_input)
    x = LeakyReLU(0.2)(x)
    x = Reshape((7, 7, 16))(x)
    x = UpSampling2D()(x)
    x = Conv2D(16, 5, padding='same', name='generator_conv_0')(x)
    x = LeakyReLU(0.2)(x)
    x = UpSampling2D()(x)
    x = Conv2D(1, 5, padding='same', name='generator_conv_1')(x)
    generator_output = Activation('tanh')(x)
    return Model(generator_input, generator_output)


def set_trainable(m, val):
    m.trainable = val
    for l in m.layers:
        l.trainable = val


def build_model(batch_size=4, z_dim=32, input_dim=(28, 28, 1)):
    critic = _build_critic(input_dim)
    generator = _build_generator(z_dim)

    # Freeze generator's layers while training critic
    set_trainable(generator, False)

    real_img = Input(shape=input_dim)
    z_disc = Input(shape=(z_dim,))
    fake_img = generator(z_disc)

    fake = critic(fake_img)
    valid = critic(real_img)

    # Construct weighted average between real and fake images
    interpolated_img = RandomWeightedAverage(batch_size)([real_img, fake_img])
    # Determine validity of weighted sample
    validity_interpolated = critic(interpolated_img)

    critic_model = Model(inputs=[real_img, z_disc], outputs=[valid, fake, validity_interpolated])

    rng = np.random.default_rng(0)
    real = rng.uniform(-1, 1, (batch_size,) + input_dim).astype('float32')
    noise = rng.normal(0, 1, (batch_size, z_dim)).astype('float32')
    return critic_model, [real, noise]
