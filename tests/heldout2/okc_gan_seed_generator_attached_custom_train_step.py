"""A DCGAN with an overridden `train_step` samples its latent vectors with `keras.random.normal` seeded
by a `SeedGenerator` attached to the model, and keeps its loss trackers on the model.

In the Keras 3 migration of the "DCGAN overriding train_step" example the reviewer asked that the
module-level `seed_generator` be attached to the model (`self.seed_generator = keras.random.SeedGenerator(1337)`
in `__init__`). The generator and discriminator are sub-models assigned in `__init__`; metrics are
`keras.metrics.Mean` attributes. Random tensors and trackers made per step are not weights. Rewritten
smaller; `call()` added so the model can be run once.
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/1693"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_gan_seed_generator_attached_custom_train_step.py:
as returned: GAN, count_params() = 746, 8 weights, unbuilt: none
after call: count_params() = 746, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

LATENT = 8


class GAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim, **kwargs):
        super().__init__(**kwargs)
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_metric = keras.metrics.Mean(name="d_loss")
        self.g_loss_metric = keras.metrics.Mean(name="g_loss")

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def call(self, latent):
        return self.discriminator(self.generator(latent))

    def train_step(self, real_images):
        batch_size = ops.shape(real_images)[0]
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        generated = self.generator(latent)
        combined = ops.concatenate([generated, real_images], axis=0)
        labels = ops.concatenate([ops.ones((batch_size, 1)), ops.zeros((batch_size, 1))], axis=0)
        with tf.GradientTape() as tape:
            d_loss = self.loss_fn(labels, self.discriminator(combined))
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(zip(grads, self.discriminator.trainable_weights))
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            g_loss = self.loss_fn(ops.zeros((batch_size, 1)), self.discriminator(self.generator(latent)))
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights))
        self.d_loss_metric.update_state(d_loss)
        self.g_loss_metric.update_state(g_loss)
        return {"d_loss": self.d_loss_metric.result(), "g_loss": self.g_loss_metric.result()}


def build_model():
    discriminator = keras.Sequential(
        [keras.Input((8, 8, 1)), layers.Conv2D(4, 3, strides=2, padding="same"), layers.LeakyReLU(0.2),
         layers.Flatten(), layers.Dense(1)], name="discriminator")
    generator = keras.Sequential(
        [keras.Input((LATENT,)), layers.Dense(4 * 4 * 4), layers.Reshape((4, 4, 4)),
         layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="sigmoid")], name="generator")
    gan = GAN(discriminator, generator, LATENT)
    latent = np.random.default_rng(0).normal(size=(2, LATENT)).astype("float32")
    gan(latent)
    return gan, latent
