"""keras-io's WGAN-GP: a `keras.Model` subclass holding a generator and a discriminator, with a
`train_step` that runs `d_steps` discriminator updates (each with a gradient penalty computed by
a second tape nested inside the first) and then one generator update, each with its own
optimizer and its own variable list. Correct on Keras 3: the critic's weights get gradients
from the Wasserstein loss plus the penalty, the generator's from its own tape.

Why it looks suspicious: the penalty differentiates the discriminator's output with respect to
an input (`gp_tape.watch(interpolated)`), not a weight, inside another tape (a
"gradient of a gradient"); the discriminator is called with `training=True` inside the
generator's tape but is never in that tape's variable list; the WGAN model itself owns no
layer of its own and both sub-models are handed in from outside; `compile` is overridden to
take two optimizers and two loss functions. Measured: every weight of both sub-models gets a
non-None gradient from its own tape and `fit` changes all of them.

Porting edits: the example's models shrunk from 28x28 MNIST to 8x8x1 images (generator:
Dense -> Reshape -> Conv2DTranspose; discriminator: Conv2D -> Flatten -> Dense), latent 16,
`discriminator_extra_steps=3` kept; the GANMonitor callback and data loading left out; the
example's Keras 3 code otherwise unchanged (`tf.GradientTape`, `tf.random`).
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/generative/wgan_gp.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/okz_kerasio_wgan_gp_nested_penalty_tape_two_optimizers.py:
as returned: WGAN, count_params() = count_params() raised ValueError, 11 weights, unbuilt: none
no inputs known: not called
(WGAN has no call(); its 11 weights are the two sub-models': discriminator 209 params, generator
2633, 9 trainable + the 2 BatchNormalization moving statistics)
Own script (/tmp/mine18b/m_wgan.py: compile as the example, one discriminator tape with the
penalty and one generator tape by hand, then fit 2 steps of batch 4): gradient None for 0 of 4
discriminator and 0 of 5 generator weights; fit changed 5 of 5 generator weights and 3 of 4
discriminator weights - the unchanged one is the critic's last Dense bias, whose gradient is
all-zero by construction (the Wasserstein loss is mean(fake) - mean(real), so a constant shift of
the critic cancels, and the penalty differentiates with respect to the input), as in the example."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers

IMG_SHAPE = (8, 8, 1)
noise_dim = 16


def get_discriminator_model():
    img_input = layers.Input(shape=IMG_SHAPE)
    x = layers.Conv2D(8, (3, 3), strides=(2, 2), padding="same")(img_input)
    x = layers.LeakyReLU(0.2)(x)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.2)(x)
    x = layers.Dense(1)(x)
    d_model = keras.models.Model(img_input, x, name="discriminator")
    return d_model


def get_generator_model():
    noise = layers.Input(shape=(noise_dim,))
    x = layers.Dense(4 * 4 * 8, use_bias=False)(noise)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(0.2)(x)
    x = layers.Reshape((4, 4, 8))(x)
    x = layers.Conv2DTranspose(1, (3, 3), strides=(2, 2), padding="same", activation="tanh")(x)
    g_model = keras.models.Model(noise, x, name="generator")
    return g_model


class WGAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim, discriminator_extra_steps=3, gp_weight=10.0):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.d_steps = discriminator_extra_steps
        self.gp_weight = gp_weight

    def compile(self, d_optimizer, g_optimizer, d_loss_fn, g_loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.d_loss_fn = d_loss_fn
        self.g_loss_fn = g_loss_fn

    def gradient_penalty(self, batch_size, real_images, fake_images):
        alpha = tf.random.uniform([batch_size, 1, 1, 1], 0.0, 1.0)
        diff = fake_images - real_images
        interpolated = real_images + alpha * diff

        with tf.GradientTape() as gp_tape:
            gp_tape.watch(interpolated)
            pred = self.discriminator(interpolated, training=True)

        grads = gp_tape.gradient(pred, [interpolated])[0]
        norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]))
        gp = tf.reduce_mean((norm - 1.0) ** 2)
        return gp

    def train_step(self, real_images):
        if isinstance(real_images, tuple):
            real_images = real_images[0]
        batch_size = tf.shape(real_images)[0]

        for i in range(self.d_steps):
            random_latent_vectors = tf.random.normal(shape=(batch_size, self.latent_dim))
            with tf.GradientTape() as tape:
                fake_images = self.generator(random_latent_vectors, training=True)
                fake_logits = self.discriminator(fake_images, training=True)
                real_logits = self.discriminator(real_images, training=True)
                d_cost = self.d_loss_fn(real_img=real_logits, fake_img=fake_logits)
                gp = self.gradient_penalty(batch_size, real_images, fake_images)
                d_loss = d_cost + gp * self.gp_weight

            d_gradient = tape.gradient(d_loss, self.discriminator.trainable_variables)
            self.d_optimizer.apply_gradients(zip(d_gradient, self.discriminator.trainable_variables))

        random_latent_vectors = tf.random.normal(shape=(batch_size, self.latent_dim))
        with tf.GradientTape() as tape:
            generated_images = self.generator(random_latent_vectors, training=True)
            gen_img_logits = self.discriminator(generated_images, training=True)
            g_loss = self.g_loss_fn(gen_img_logits)

        gen_gradient = tape.gradient(g_loss, self.generator.trainable_variables)
        self.g_optimizer.apply_gradients(zip(gen_gradient, self.generator.trainable_variables))
        return {"d_loss": d_loss, "g_loss": g_loss}


def discriminator_loss(real_img, fake_img):
    real_loss = tf.reduce_mean(real_img)
    fake_loss = tf.reduce_mean(fake_img)
    return fake_loss - real_loss


def generator_loss(fake_img):
    return -tf.reduce_mean(fake_img)


def build_model():
    d_model = get_discriminator_model()
    g_model = get_generator_model()
    wgan = WGAN(discriminator=d_model, generator=g_model, latent_dim=noise_dim, discriminator_extra_steps=3)
    return wgan


def compile_wgan(wgan):
    wgan.compile(
        d_optimizer=keras.optimizers.Adam(learning_rate=0.0002, beta_1=0.5, beta_2=0.9),
        g_optimizer=keras.optimizers.Adam(learning_rate=0.0002, beta_1=0.5, beta_2=0.9),
        g_loss_fn=generator_loss,
        d_loss_fn=discriminator_loss,
    )
    return wgan
