"""The PyTorch-backend GAN of the Keras 3 "custom train step in torch" guide: `self.built = True` in `__init__`, no `call()`, a `SeedGenerator` on the model and gradients read from `v.value.grad`.

Written for `KERAS_BACKEND=torch`, the model wraps two prebuilt `Sequential` networks, sets
`self.built = True` by hand, keeps its noise state in `keras.random.SeedGenerator(1337)` attached to
the model, and in `train_step` calls `self.zero_grad()`, `loss.backward()` and
`optimizer.apply([v.value.grad for v in ...trainable_weights], ...)` for each sub-network. Each of
these looks like a tracking bug (a model forced to "built", state outside `build()`, variables
reached through `.value`), but it is correct Keras 3: both sub-networks are built by their `Input`,
their weights are the GAN's weights, and the seed state is a tracked non-trainable variable of the
model (in `non_trainable_variables`). (The guide imports torch at module level; here it is imported inside `train_step` so the file
also imports without torch.)
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/guides/custom_train_step_in_torch.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_torch_backend_gan_built_true_in_init_seed_generator_on_model.py:
as returned: GAN, count_params() = 1414530, 14 weights, unbuilt: none
no inputs known: not called
extra check (python: build_model() then compare): len(gan.trainable_weights) == 14 == discriminator + generator;
gan.count_params() == 1414530 == discriminator.count_params() + generator.count_params(); gan.non_trainable_weights == [];
gan.non_trainable_variables == ['seed_generator/seed_generator_state'] (the seed state is tracked as a model variable, not a weight).
train_step itself needs KERAS_BACKEND=torch and was not run here."""

import keras
from keras import layers

latent_dim = 128


def make_discriminator():
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(64, (3, 3), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Conv2D(128, (3, 3), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.GlobalMaxPooling2D(),
            layers.Dense(1),
        ],
        name="discriminator",
    )


def make_generator():
    return keras.Sequential(
        [
            keras.Input(shape=(latent_dim,)),
            layers.Dense(7 * 7 * 128),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Reshape((7, 7, 128)),
            layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Conv2D(1, (7, 7), padding="same", activation="sigmoid"),
        ],
        name="generator",
    )


class GAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def train_step(self, real_images):
        import torch

        device = "cuda" if torch.cuda.is_available() else "cpu"
        if isinstance(real_images, tuple):
            real_images = real_images[0]
        batch_size = real_images.shape[0]
        random_latent_vectors = keras.random.normal(shape=(batch_size, self.latent_dim), seed=self.seed_generator)
        generated_images = self.generator(random_latent_vectors)
        real_images = torch.tensor(real_images, device=device)
        combined_images = torch.concat([generated_images, real_images], axis=0)
        labels = torch.concat(
            [torch.ones((batch_size, 1), device=device), torch.zeros((batch_size, 1), device=device)], axis=0
        )
        labels += 0.05 * keras.random.uniform(labels.shape, seed=self.seed_generator)

        # Train the discriminator
        self.zero_grad()
        predictions = self.discriminator(combined_images)
        d_loss = self.loss_fn(labels, predictions)
        d_loss.backward()
        grads = [v.value.grad for v in self.discriminator.trainable_weights]
        with torch.no_grad():
            self.d_optimizer.apply(grads, self.discriminator.trainable_weights)

        # Train the generator (the discriminator's weights are not updated)
        random_latent_vectors = keras.random.normal(shape=(batch_size, self.latent_dim), seed=self.seed_generator)
        misleading_labels = torch.zeros((batch_size, 1), device=device)
        self.zero_grad()
        predictions = self.discriminator(self.generator(random_latent_vectors))
        g_loss = self.loss_fn(misleading_labels, predictions)
        g_loss.backward()
        grads = [v.value.grad for v in self.generator.trainable_weights]
        with torch.no_grad():
            self.g_optimizer.apply(grads, self.generator.trainable_weights)

        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


def build_model():
    gan = GAN(discriminator=make_discriminator(), generator=make_generator(), latent_dim=latent_dim)
    gan.compile(
        d_optimizer=keras.optimizers.Adam(learning_rate=0.0003),
        g_optimizer=keras.optimizers.Adam(learning_rate=0.0003),
        loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
    )
    return gan
