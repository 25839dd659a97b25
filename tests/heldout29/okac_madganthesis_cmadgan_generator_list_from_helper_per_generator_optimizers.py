"""A conditional multi-generator GAN (CMADGAN) wrapper Model that builds its discriminator and a
*list* of generators by calling helper functions handed to its constructor, keeps those helpers and
a cosine-similarity `lambda` as attributes, and trains with hand-assembled variable lists: one
discriminator list, one flat list over all generators split back per generator for a list of
per-generator optimizers.

From N10100010/mad_gan_thesis (`code/src/model_definitions/cmadgan/cmadgan.py`, with the MNIST helpers
`generators/cmadgan_mnists/gen.py` and `discriminators/cmadgan_mnists/disc.py`). Sub-models built by
helpers inside a list comprehension and stored in a Python list look like the "held in a plain
container, not tracked" shape, but on Keras 3 the list assigned to `self.generators` is tracked: every
generator's and the discriminator's weights belong to the wrapper and all receive gradients.

Porting edits: `tensorflow.keras` -> `keras`; `LeakyReLU(alpha=...)` -> `negative_slope=`; image
28x28x1 -> 8x8x1 (generator 2x2 -> 4x4 -> 8x8, discriminator condition embedding 8*8), widths
128/64/32 -> 8/4/4 and 64/128/256 -> 4/8/8, latent 4, 3 condition values, 2 generators; the
`@tf.function` on `train_step` dropped (the step is not run); a `call()` added that runs the
`generate()` path and scores each generator's samples with the discriminator (the forward path of the
generator step) so the wrapper can be called once; `build_model()` returns `(CMADGAN(...),
[noise, conditions])`.
"""

SOURCE = "https://github.com/N10100010/mad_gan_thesis/blob/8808de4dd3c9319d6d5f07ab12d5d757c09506b3/code/src/model_definitions/cmadgan/cmadgan.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/okac_madganthesis_cmadgan_generator_list_from_helper_per_generator_optimizers.py:
as returned: CMADGAN, count_params() = count_params() raised ValueError, 54 weights, unbuilt: none
after call: count_params() = 4567, 42 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 42 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(42 trainable = 14 of the discriminator + 14 for each of the 2 listed generators; all 54 weights,
BatchNorm statistics included, are listed before the first call; the ValueError is only Keras
refusing count_params() on a subclassed Model not yet called.)"""

import numpy as np
import tensorflow as tf
import keras
from keras import layers


# ---------------------------------------------------------------- generators/cmadgan_mnists/gen.py
def define_generators(latent_dim, condition_dim, data_shape, name="Generator_CNN"):
    """Builds a Conditional Generator Model using Conv2DTranspose."""
    noise_input = keras.Input(shape=(latent_dim,), name="noise_input")
    condition_input = keras.Input(shape=(condition_dim,), name="condition_input")

    # Combine noise and condition, project using Dense
    merged_input = layers.Concatenate()([noise_input, condition_input])

    x = layers.Dense(2 * 2 * 8)(merged_input)  # Project to 2x2x8 features
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(negative_slope=0.2)(x)
    x = layers.Reshape((2, 2, 8))(x)  # Reshape to start convolutional transpose

    # Upsample to 4x4
    x = layers.Conv2DTranspose(4, kernel_size=4, strides=2, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(negative_slope=0.2)(x)

    # Upsample to 8x8
    x = layers.Conv2DTranspose(4, kernel_size=4, strides=2, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(negative_slope=0.2)(x)

    output = layers.Conv2D(
        data_shape[-1], kernel_size=5, strides=1, padding="same", activation="tanh"
    )(x)

    model = keras.Model([noise_input, condition_input], output, name=name)
    return model


# ---------------------------------------------------------------- discriminators/cmadgan_mnists/disc.py
def define_discriminator(data_shape, condition_dim, name="Discriminator_CNN_CIFAR"):
    """Builds a Conditional Discriminator Model using Conv2D."""
    data_input = keras.Input(shape=data_shape, name="data_input")
    condition_input = keras.Input(shape=(condition_dim,), name="condition_input")

    cond_embedding_size = data_shape[0] * data_shape[1]
    c = layers.Dense(cond_embedding_size)(condition_input)
    c = layers.Reshape((data_shape[0], data_shape[1], 1))(c)

    # Concatenate processed condition with image data along the channel axis
    merged_input = layers.Concatenate(axis=-1)([data_input, c])

    start_filters = 4  # Can be adjusted

    x = layers.Conv2D(start_filters, kernel_size=4, strides=2, padding="same")(merged_input)
    x = layers.LeakyReLU(negative_slope=0.2)(x)
    x = layers.Dropout(0.3)(x)

    x = layers.Conv2D(start_filters * 2, kernel_size=4, strides=2, padding="same")(x)
    x = layers.LayerNormalization()(x)  # Optional: Experiment with LayerNorm/BatchNorm
    x = layers.LeakyReLU(negative_slope=0.2)(x)
    x = layers.Dropout(0.3)(x)

    x = layers.Conv2D(start_filters * 2, kernel_size=4, strides=2, padding="same")(x)
    x = layers.LayerNormalization()(x)  # Optional
    x = layers.LeakyReLU(negative_slope=0.2)(x)
    x = layers.Dropout(0.3)(x)

    x = layers.Flatten()(x)

    # Output layer: Single logit
    output = layers.Dense(1)(x)

    model = keras.Model([data_input, condition_input], output, name=name)
    return model


# ---------------------------------------------------------------- cmadgan/cmadgan.py
class CMADGAN(keras.Model):
    def __init__(
        self,
        latent_dim,
        condition_dim,
        data_shape,
        num_generators,
        diversity_weight,
        define_generator,
        define_discriminator,
    ):
        super(CMADGAN, self).__init__()
        self.latent_dim = latent_dim
        self.condition_dim = condition_dim
        self.data_shape = data_shape
        self.num_generators = num_generators
        self.diversity_weight = diversity_weight
        self.build_generator = define_generator
        self.build_discriminator = define_discriminator

        # Use CIFAR-10 specific architectures
        self.discriminator = self.build_discriminator(
            self.data_shape, self.condition_dim
        )
        self.generators = [
            self.build_generator(
                self.latent_dim,
                self.condition_dim,
                self.data_shape,
                name=f"Generator_{i}",
            )
            for i in range(self.num_generators)
        ]

        # Loss functions (same logic)
        self.cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)
        self.cosine_similarity_loss = lambda x, y: -tf.reduce_mean(
            tf.losses.cosine_similarity(
                tf.reshape(x, [tf.shape(x)[0], -1]),
                tf.reshape(y, [tf.shape(y)[0], -1]),
                axis=-1,
            )
        )

    def compile(self, d_optimizer, g_optimizers):
        super(CMADGAN, self).compile()
        self.d_optimizer = d_optimizer
        if (
            not isinstance(g_optimizers, list)
            or len(g_optimizers) != self.num_generators
        ):
            raise ValueError(
                f"g_optimizers must be a list of {self.num_generators} optimizers."
            )
        self.g_optimizers = g_optimizers

    # calculate_diversity_loss remains the same as the MNIST version
    def calculate_diversity_loss(self, fake_samples_list):
        total_similarity = 0.0
        num_pairs = 0
        for i in range(self.num_generators):
            for j in range(i + 1, self.num_generators):
                similarity = self.cosine_similarity_loss(
                    fake_samples_list[i], fake_samples_list[j]
                )
                total_similarity += similarity
                num_pairs += 1
        if num_pairs == 0:
            return tf.constant(0.0)
        avg_similarity = total_similarity / float(num_pairs)
        return avg_similarity

    def call(self, inputs):
        noise, conditions = inputs
        return [self.discriminator([fake, conditions]) for fake in self.generate(noise, conditions)]

    # train_step remains the same logic as the MNIST version
    def train_step(self, data):
        real_samples, conditions = data
        batch_size = tf.shape(real_samples)[0]
        noise = tf.random.normal(shape=(batch_size, self.latent_dim))

        # --- Train Discriminator ---
        with tf.GradientTape() as tape_d:
            real_output = self.discriminator([real_samples, conditions], training=True)
            d_loss_real = self.cross_entropy(tf.ones_like(real_output), real_output)

            d_loss_fake_total = 0.0
            fake_samples_list_no_grad = [
                gen([noise, conditions], training=False) for gen in self.generators
            ]

            for fake_samples in fake_samples_list_no_grad:
                fake_output = self.discriminator(
                    [fake_samples, conditions], training=True
                )
                d_loss_fake_total += self.cross_entropy(
                    tf.zeros_like(fake_output), fake_output
                )

            d_loss_fake = d_loss_fake_total / self.num_generators
            d_loss = d_loss_real + d_loss_fake

        grads_d = tape_d.gradient(d_loss, self.discriminator.trainable_variables)
        self.d_optimizer.apply_gradients(
            zip(grads_d, self.discriminator.trainable_variables)
        )

        # --- Train Generators ---
        with tf.GradientTape() as tape_g:
            fake_samples_list = []
            gen_adv_losses = []
            for i in range(self.num_generators):
                fake_samples = self.generators[i]([noise, conditions], training=True)
                fake_samples_list.append(fake_samples)
                fake_output = self.discriminator(
                    [fake_samples, conditions], training=False
                )
                adv_loss = self.cross_entropy(tf.ones_like(fake_output), fake_output)
                gen_adv_losses.append(adv_loss)

            diversity_loss = self.calculate_diversity_loss(fake_samples_list)
            total_generator_loss = (
                tf.reduce_sum(gen_adv_losses) + self.diversity_weight * diversity_loss
            )

        all_gen_trainable_vars = [
            var for gen in self.generators for var in gen.trainable_variables
        ]
        grads_g = tape_g.gradient(total_generator_loss, all_gen_trainable_vars)

        var_index = 0
        for i in range(self.num_generators):
            num_vars = len(self.generators[i].trainable_variables)
            gen_grads = grads_g[var_index : var_index + num_vars]
            self.g_optimizers[i].apply_gradients(
                zip(gen_grads, self.generators[i].trainable_variables)
            )
            var_index += num_vars

        history = {
            "d_loss": d_loss,
            "g_adv_loss": tf.reduce_mean(gen_adv_losses),
            "g_div_loss": diversity_loss,
            "g_total_loss": total_generator_loss / self.num_generators,
        }
        for i in range(self.num_generators):
            history[f"g_loss_{i}"] = gen_adv_losses[i]

        return history

    def generate(self, noise, conditions):
        """Generate samples from all generators given noise and conditions."""
        generated_samples = [
            gen([noise, conditions], training=False) for gen in self.generators
        ]
        return generated_samples


def build_model():
    model = CMADGAN(latent_dim=4, condition_dim=3, data_shape=(8, 8, 1), num_generators=2,
                    diversity_weight=0.1, define_generator=define_generators,
                    define_discriminator=define_discriminator)
    rng = np.random.default_rng(0)
    noise = rng.random((2, 4)).astype("float32")
    conditions = np.eye(3, dtype="float32")[[0, 2]]
    return model, [noise, conditions]
