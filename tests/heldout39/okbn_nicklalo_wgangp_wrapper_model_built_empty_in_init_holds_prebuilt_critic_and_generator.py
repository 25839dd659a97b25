"""A Keras 3 conditional WGAN-GP wrapper Model calls `self.build()` (no input shape) in `__init__`, has no `call()` and never calls its critic and generator in a forward pass: they are functional models built before being assigned, so all their weights are tracked, counted, saved and trained by the custom `train_step`.

From NickLalo/Keras-3.0-WGAN-GP-Conditional, `wgan_gp_model.py` (the WGAN_GP class) with the critic and generator
factories of `critic_and_generator_models.py`. The author overrides `build(self, input_shape=None)` to only call
`super().build(input_shape)` and calls it from `__init__` "to avoid errors when reloading the model after saving";
`train_step` runs the generator and critic under `tf.GradientTape`s and applies two optimizers to
`self.critic.trainable_variables` / `self.generator.trainable_variables`. A naive checker sees sublayers that no
`call()` ever calls and a `build()` that builds nothing (LD005), or an explicit `build()` with no input shape; but
the two sub-models are functional `keras.Model`s, built by construction, and tracked as attributes of the wrapper.

Porting edits: none to the classes; the factories' side effects (summary text files, plot_model, a .keras copy for
netron, prints) are dropped, and the argument list and docstrings of WGAN_GP are shortened (logic unchanged). As
in `train_WGAN_GP.py`, the global policy is `mixed_float16` (the gradient penalty casts to float16) and the model is
compiled with two Adam optimizers. build_model() uses MNIST shapes (28x28x1, 10 classes, noise 128).
"""

SOURCE = "https://github.com/NickLalo/Keras-3.0-WGAN-GP-Conditional/blob/3c84822f235f9297f86a855a2f87068af61c46b7/wgan_gp_model.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/okbn_nicklalo_wgangp_wrapper_model_built_empty_in_init_holds_prebuilt_critic_and_generator.py:
as returned: WGAN_GP, count_params() = 748721, 42 weights, unbuilt: none
no inputs known: not called
probe (probe_wgangp.py: one train_step on 4 MNIST-shaped images and labels 0..3): wgan.built True; 34 trainable
weights = critic 17 + generator 17; after the step 17 of 17 generator and 16 of 17 critic weights changed, the
unchanged one is the critic's last Dense bias (dense_1/bias), whose Wasserstein gradient mean(fake) - mean(real) is
exactly 0 by the math (it is in the tape's sources, not untracked); losses finite (critic 8.44, gen 0.05);
save to .keras and load_model: 42 weights reloaded, max abs difference 0.0."""

import keras
from keras import layers
import tensorflow as tf


def get_critic_model(img_shape: tuple, num_classes: int):
    img_input = layers.Input(shape=img_shape, name="image_input")
    class_input = layers.Input(shape=(1,), dtype=tf.int32, name="class_input")

    label_embed = layers.Embedding(input_dim=num_classes, output_dim=32)(class_input)
    label_embed = layers.Flatten()(label_embed)

    label_map = layers.Dense(units=28 * 28, use_bias=True)(label_embed)
    label_map = layers.Reshape((28, 28, 1))(label_map)

    x = layers.Concatenate()([img_input, label_map])
    x = layers.Conv2D(filters=64, kernel_size=(3, 3), strides=1, padding="same")(x)
    x = layers.LeakyReLU(0.2)(x)

    shortcut = x
    x = layers.Conv2D(filters=64, kernel_size=(3, 3), strides=1, padding="same")(x)
    x = layers.LeakyReLU(0.2)(x)
    x = layers.Conv2D(filters=64, kernel_size=(3, 3), strides=1, padding="same")(x)
    x = layers.Add()([shortcut, x])
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(filters=64, kernel_size=(4, 4), strides=2, padding="same")(x)
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(filters=64, kernel_size=(4, 4), strides=2, padding="same")(x)
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(filters=32, kernel_size=(4, 4), strides=2, padding="same")(x)
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Flatten()(x)
    x = layers.Dense(1, use_bias=True)(x)

    critic_model = tf.keras.models.Model([img_input, class_input], x, name="critic")
    return critic_model


def get_generator_model(noise_dim: int, num_classes: int):
    noise_input = layers.Input(shape=(noise_dim,))
    class_input = layers.Input(shape=(1,), dtype=tf.int32)

    class_embed = layers.Embedding(input_dim=num_classes, output_dim=32)(class_input)
    class_embed = layers.Flatten()(class_embed)

    x = layers.Concatenate()([noise_input, class_embed])
    x = layers.Dense(7 * 7 * 32, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(0.2)(x)
    x = layers.Reshape((7, 7, 32))(x)

    x = layers.Conv2DTranspose(filters=32, kernel_size=(5, 5), strides=(2, 2), padding='same', use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2DTranspose(filters=64, kernel_size=(5, 5), strides=(2, 2), padding='same', use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(filters=64, kernel_size=(3, 3), padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU(0.2)(x)

    shortcut = x
    x = layers.Conv2D(filters=64, kernel_size=(3, 3), padding="same", use_bias=False)(x)
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(filters=64, kernel_size=(3, 3), padding="same", use_bias=False)(x)

    x = layers.Add()([x, shortcut])
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(filters=64, kernel_size=(3, 3), padding="same", use_bias=False)(x)
    x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(filters=1, kernel_size=(3, 3), padding="same", use_bias=False)(x)
    x = layers.Activation("tanh")(x)

    generator_model = keras.models.Model([noise_input, class_input], x, name="generator")
    return generator_model


class WGAN_GP(keras.Model):
    def __init__(self, critic, generator, latent_dim, critic_extra_steps=5, gp_weight=10.0, **kwargs):
        super().__init__(**kwargs)
        # the critic and generator models the WGAN-GP model will train
        self.critic = critic
        self.generator = generator
        # used in the training step to generate random latent vectors for the generator
        self.latent_dim = latent_dim
        # in a WGAN-GP, the critic trains for a number of steps and then generator trains for one step
        self.num_critic_steps = critic_extra_steps
        # the weight of the gradient penalty term in the critic loss
        self.gp_weight = gp_weight
        # set dummy value for self.optimizer avoid errors at the end of .fit() call because we are using a custom training loop
        self.optimizer = None
        # build the model to avoid errors when reloading the model after saving
        self.build()
        return

    def compile(self, critic_optimizer=None, gen_optimizer=None):
        super(WGAN_GP, self).compile()
        self.critic_optimizer = critic_optimizer
        self.gen_optimizer = gen_optimizer
        return

    def gradient_penalty(self, batch_size, real_images, fake_images, image_one_hot_labels):
        alpha = tf.random.uniform([batch_size, 1, 1, 1], minval=0.0, maxval=1.0, dtype="float16")
        real_images = tf.cast(real_images, dtype="float16")
        interpolated = real_images + alpha * (fake_images - real_images)
        with tf.GradientTape() as gp_tape:
            gp_tape.watch(interpolated)
            pred = self.critic([interpolated, image_one_hot_labels], training=True)
        grads = gp_tape.gradient(pred, [interpolated])[0]
        gradient_norms = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]))
        gp = tf.reduce_mean((gradient_norms - 1.0) ** 2)
        return gp

    def train_step(self, batch_data):
        real_images, real_labels = batch_data
        batch_size = tf.shape(real_images)[0]
        critic_real_scores = []
        critic_fake_scores = []
        gradient_penalties = []
        critic_losses = []
        for _ in range(self.num_critic_steps):
            random_latent_vectors = tf.random.normal(shape=(batch_size, self.latent_dim))
            with tf.GradientTape() as tape:
                fake_images = self.generator([random_latent_vectors, real_labels], training=True)
                fake_logits = self.critic([fake_images, real_labels], training=True)
                real_logits = self.critic([real_images, real_labels], training=True)
                critic_real_scores.append(tf.reduce_mean(real_logits))
                critic_fake_scores.append(tf.reduce_mean(fake_logits))
                critic_wasserstein_loss = tf.reduce_mean(fake_logits) - tf.reduce_mean(real_logits)
                gp = self.gradient_penalty(batch_size, real_images, fake_images, real_labels)
                critic_loss = critic_wasserstein_loss + gp * self.gp_weight
                gradient_penalties.append(gp)
                critic_losses.append(critic_loss)
            critic_gradient = tape.gradient(critic_loss, self.critic.trainable_variables)
            self.critic_optimizer.apply_gradients(zip(critic_gradient, self.critic.trainable_variables))

        random_latent_vectors = tf.random.normal(shape=(batch_size, self.latent_dim))
        with tf.GradientTape() as tape:
            generated_images = self.generator([random_latent_vectors, real_labels], training=True)
            gen_img_logits = self.critic([generated_images, real_labels], training=True)
            gen_loss = -tf.reduce_mean(gen_img_logits)
        gen_gradient = tape.gradient(gen_loss, self.generator.trainable_variables)
        self.gen_optimizer.apply_gradients(zip(gen_gradient, self.generator.trainable_variables))

        avg_real_score = tf.reduce_mean(critic_real_scores)
        avg_fake_score = tf.reduce_mean(critic_fake_scores)
        avg_gradient_penalty = tf.reduce_mean(gradient_penalties)
        avg_critic_loss = tf.reduce_mean(critic_losses)
        return {
            "critic_loss": avg_critic_loss,
            "gen_loss": gen_loss,
            "critic_loss_real": avg_real_score,
            "critic_loss_fake": avg_fake_score,
            "gradient_penalty": avg_gradient_penalty,
        }

    def build(self, input_shape=None):
        # required to avoid errors when saving and loading the model
        super().build(input_shape)
        return

    def get_config(self):
        base_config = super().get_config()
        custom_config = {
            "critic": keras.saving.serialize_keras_object(self.critic),
            "generator": keras.saving.serialize_keras_object(self.generator),
            "latent_dim": self.latent_dim,
            "critic_extra_steps": self.num_critic_steps,
            "gp_weight": self.gp_weight,
        }
        return {**base_config, **custom_config}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        critic = keras.saving.deserialize_keras_object(config.pop("critic"), custom_objects=custom_objects)
        generator = keras.saving.deserialize_keras_object(config.pop("generator"), custom_objects=custom_objects)
        return cls(critic=critic, generator=generator, latent_dim=config.pop("latent_dim"),
                   critic_extra_steps=config.pop("critic_extra_steps"), gp_weight=config.pop("gp_weight"))


def build_model():
    keras.mixed_precision.set_global_policy("mixed_float16")
    critic_model = get_critic_model((28, 28, 1), 10)
    generator_model = get_generator_model(128, 10)
    generator_optimizer = keras.optimizers.Adam(learning_rate=2e-4, beta_1=0.5, beta_2=0.9)
    critic_optimizer = keras.optimizers.Adam(learning_rate=2e-4, beta_1=0.5, beta_2=0.9)
    wgan_gp = WGAN_GP(critic=critic_model, generator=generator_model, latent_dim=128)
    wgan_gp.compile(critic_optimizer=critic_optimizer, gen_optimizer=generator_optimizer)
    return wgan_gp
