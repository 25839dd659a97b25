"""GauGAN (keras.io example): the encoder runs in train_step(), outside the generator's GradientTape.

The report (keras-io#796) says the GauGAN example's encoder "trainable_variables never get
updated". The Keras 3 port of the example added `self.encoder.trainable_variables` to the
generator's variable list, but `mean, variance = self.encoder(image)` still runs in
`train_step()`, before and outside `with tf.GradientTape() as tape:` in `train_generator()`.
The tape never sees the encoder, so its kernels get `None` gradients: the published Keras 3
run of the example itself prints "Gradients do not exist for variables ['kernel', ...]".

Porting edits: image 16x16, tiny conv encoder/generator/discriminator (no SPADE blocks),
the VGG feature loss replaced by a mean absolute error (no ImageNet download); the class
structure, the combined model, train_discriminator/train_generator/train_step are the
example's.
"""

SOURCE = "https://github.com/keras-team/keras-io/issues/796"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/b_gaugan_encoder_run_outside_generator_tape.py
  warning: `build()` was called on layer 'gau_gan', however the layer does not have a `build()` method
  implemented and it looks like it has unbuilt state. ...
  as returned: GauGAN, count_params() = 14085, 14 weights, unbuilt: ['GaussianSampler:gaussian_sampler']
  (the sampler holds only a SeedGenerator; train_step calls it)
/tmp/mine19b/m_gaugan.py (one fit step on a tf.data batch of 2):
  UserWarning: Gradients do not exist for variables ['conv2d_3/kernel', 'conv2d_3/bias', 'mean/kernel',
  'mean/bias', 'variance/kernel', 'variance/bias'] when minimizing the loss.
  encoder changed 0 of 6; generator changed 4 of 4; discriminator changed 4 of 4
The encoder is listed in the generator's variables but runs before the tape: never trained."""

import keras
import tensorflow as tf
from keras import layers, ops

IMG = 16
NUM_CLASSES = 3
LATENT = 8


class GaussianSampler(layers.Layer):
    def __init__(self, batch_size, latent_dim, **kwargs):
        super().__init__(**kwargs)
        self.batch_size = batch_size
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, inputs):
        means, variance = inputs
        epsilon = keras.random.normal(
            shape=(self.batch_size, self.latent_dim), seed=self.seed_generator
        )
        return means + ops.exp(0.5 * variance) * epsilon


def build_encoder(image_shape, latent_dim=LATENT):
    input_image = keras.Input(shape=image_shape)
    x = layers.Conv2D(4, 3, strides=2, padding="same")(input_image)
    x = layers.Flatten()(x)
    mean = layers.Dense(latent_dim, name="mean")(x)
    variance = layers.Dense(latent_dim, name="variance")(x)
    return keras.Model(input_image, [mean, variance], name="encoder")


def build_generator(mask_shape, latent_dim=LATENT):
    latent = keras.Input(shape=(latent_dim,))
    mask = keras.Input(shape=mask_shape)
    x = layers.Dense(IMG * IMG * 4)(latent)
    x = layers.Reshape((IMG, IMG, 4))(x)
    x = layers.Concatenate()([x, mask])
    output_image = keras.activations.tanh(layers.Conv2D(3, 3, padding="same")(x))
    return keras.Model([latent, mask], output_image, name="generator")


def build_discriminator(image_shape):
    input_image_A = keras.Input(shape=image_shape, name="discriminator_image_A")
    input_image_B = keras.Input(shape=image_shape, name="discriminator_image_B")
    x = layers.Concatenate()([input_image_A, input_image_B])
    x1 = layers.Conv2D(4, 4, strides=2, padding="same")(x)
    x2 = layers.Conv2D(1, 4)(x1)
    return keras.Model([input_image_A, input_image_B], [x1, x2])


def generator_loss(y):
    return -ops.mean(y)


def kl_divergence_loss(mean, variance):
    return -0.5 * ops.sum(1 + variance - ops.square(mean) - ops.exp(variance))


class FeatureMatchingLoss(keras.losses.Loss):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mae = keras.losses.MeanAbsoluteError()

    def call(self, y_true, y_pred):
        loss = 0
        for i in range(len(y_true) - 1):
            loss += self.mae(y_true[i], y_pred[i])
        return loss


class DiscriminatorLoss(keras.losses.Loss):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hinge_loss = keras.losses.Hinge()

    def call(self, y, is_real):
        return self.hinge_loss(is_real, y)


class GauGAN(keras.Model):
    def __init__(self, image_size, num_classes, batch_size, latent_dim,
                 feature_loss_coeff=10, vgg_feature_loss_coeff=0.1,
                 kl_divergence_loss_coeff=0.1, **kwargs):
        super().__init__(**kwargs)
        self.image_size = image_size
        self.latent_dim = latent_dim
        self.batch_size = batch_size
        self.num_classes = num_classes
        self.image_shape = (image_size, image_size, 3)
        self.mask_shape = (image_size, image_size, num_classes)
        self.feature_loss_coeff = feature_loss_coeff
        self.vgg_feature_loss_coeff = vgg_feature_loss_coeff
        self.kl_divergence_loss_coeff = kl_divergence_loss_coeff

        self.discriminator = build_discriminator(self.image_shape)
        self.generator = build_generator(self.mask_shape, latent_dim)
        self.encoder = build_encoder(self.image_shape, latent_dim)
        self.sampler = GaussianSampler(batch_size, latent_dim)
        self.patch_size, self.combined_model = self.build_combined_generator()

        self.disc_loss_tracker = keras.metrics.Mean(name="disc_loss")
        self.gen_loss_tracker = keras.metrics.Mean(name="gen_loss")

    @property
    def metrics(self):
        return [self.disc_loss_tracker, self.gen_loss_tracker]

    def build_combined_generator(self):
        self.discriminator.trainable = False
        mask_input = keras.Input(shape=self.mask_shape, name="mask")
        image_input = keras.Input(shape=self.image_shape, name="image")
        latent_input = keras.Input(shape=(self.latent_dim,), name="latent")
        generated_image = self.generator([latent_input, mask_input])
        discriminator_output = self.discriminator([image_input, generated_image])
        combined_outputs = discriminator_output + [generated_image]
        patch_size = discriminator_output[-1].shape[1]
        combined_model = keras.Model([latent_input, mask_input, image_input], combined_outputs)
        return patch_size, combined_model

    def compile(self, gen_lr=1e-4, disc_lr=4e-4, **kwargs):
        super().compile(**kwargs)
        self.generator_optimizer = keras.optimizers.Adam(gen_lr, beta_1=0.0, beta_2=0.999)
        self.discriminator_optimizer = keras.optimizers.Adam(disc_lr, beta_1=0.0, beta_2=0.999)
        self.discriminator_loss = DiscriminatorLoss()
        self.feature_matching_loss = FeatureMatchingLoss()
        self.vgg_loss = keras.losses.MeanAbsoluteError()  # porting edit: no VGG19 download

    def train_discriminator(self, latent_vector, segmentation_map, real_image, labels):
        fake_images = self.generator([latent_vector, labels])
        with tf.GradientTape() as gradient_tape:
            pred_fake = self.discriminator([segmentation_map, fake_images])[-1]
            pred_real = self.discriminator([segmentation_map, real_image])[-1]
            loss_fake = self.discriminator_loss(pred_fake, -1.0)
            loss_real = self.discriminator_loss(pred_real, 1.0)
            total_loss = 0.5 * (loss_fake + loss_real)

        self.discriminator.trainable = True
        gradients = gradient_tape.gradient(total_loss, self.discriminator.trainable_variables)
        self.discriminator_optimizer.apply_gradients(
            zip(gradients, self.discriminator.trainable_variables)
        )
        return total_loss

    def train_generator(self, latent_vector, segmentation_map, labels, image, mean, variance):
        self.discriminator.trainable = False
        with tf.GradientTape() as tape:
            real_d_output = self.discriminator([segmentation_map, image])
            combined_outputs = self.combined_model([latent_vector, labels, segmentation_map])
            fake_d_output, fake_image = combined_outputs[:-1], combined_outputs[-1]
            pred = fake_d_output[-1]
            g_loss = generator_loss(pred)
            kl_loss = self.kl_divergence_loss_coeff * kl_divergence_loss(mean, variance)
            vgg_loss = self.vgg_feature_loss_coeff * self.vgg_loss(image, fake_image)
            feature_loss = self.feature_loss_coeff * self.feature_matching_loss(
                real_d_output, fake_d_output
            )
            total_loss = g_loss + kl_loss + vgg_loss + feature_loss

        all_trainable_variables = (
            self.combined_model.trainable_variables + self.encoder.trainable_variables
        )
        gradients = tape.gradient(total_loss, all_trainable_variables)
        self.generator_optimizer.apply_gradients(zip(gradients, all_trainable_variables))
        return total_loss, feature_loss, vgg_loss, kl_loss

    def train_step(self, data):
        segmentation_map, image, labels = data
        mean, variance = self.encoder(image)
        latent_vector = self.sampler([mean, variance])
        discriminator_loss = self.train_discriminator(latent_vector, segmentation_map, image, labels)
        (generator_loss, feature_loss, vgg_loss, kl_loss) = self.train_generator(
            latent_vector, segmentation_map, labels, image, mean, variance
        )
        self.disc_loss_tracker.update_state(discriminator_loss)
        self.gen_loss_tracker.update_state(generator_loss)
        return {m.name: m.result() for m in self.metrics}

    def call(self, inputs):
        latent_vectors, labels = inputs
        return self.generator([latent_vectors, labels])


def build_model():
    gaugan = GauGAN(IMG, NUM_CLASSES, batch_size=2, latent_dim=LATENT)
    gaugan.compile()
    latent = keras.random.normal((2, LATENT))
    labels = keras.random.uniform((2, IMG, IMG, NUM_CLASSES))
    gaugan([latent, labels])
    return gaugan
