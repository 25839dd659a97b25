"""ProGAN-style equalized learning rate: build() overwrites the new weight with `weight * he_constant`, so the kernel never trains.

mbourand/GAN (a DCGAN -> ProGAN/StyleGAN study repo, Keras) added "Equalized Learning Rate" layers
in commit 1107372: `EqualizedLRDense.build()` creates `self.equalized_weights` with add_weight and
then rebinds the same attribute to a tensor, `self.equalized_weights = self.equalized_weights *
tf.sqrt(2 / input_shape[1])` (EqualizedLRConv2D does the same). call() multiplies by that frozen
tensor. The variable stays in the layer's weights (counted, saved), but the forward pass never
reads it, so it gets no gradient and the generator's 4x4x1024 projection (and the discriminator's
last Dense) never learn; only the bias trains. The author fixed it the next day ("Added weight
equalization on call"). Sizes scaled down (settings), structure kept: settings constants,
layer files, Sequential factories, and a GANModel with its own tf.function train_step.
"""

SOURCE = "https://github.com/mbourand/GAN/blob/1107372d8c8e09cd1cf9ae93b49079aaabe46ef6/EqualizedLRDense.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py h_pgan_equalized_dense_weights_shadowed_in_build.py:
as returned: Sequential, count_params() = 13955, 14 weights, unbuilt: none
after call: count_params() = 13955, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 10 trainable weights: ['sequential/equalized_lr_dense/equalized_weights']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'equalized_lr_dense': 8704, 'pixel_normalization': 0, 'pixel_normalization_1': 0}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine10c/stale.py): after `equalized_weights.assign(w + 0.5)` the generator output is unchanged (stale constant);
layer.equalized_weights is an EagerTensor, while the variable is still listed (and counted) in the layer's weights."""

import tensorflow as tf
from keras.layers import (Layer, Input, Conv2D, Conv2DTranspose, LeakyReLU, BatchNormalization, Reshape,
                          Flatten, Activation)
from keras.models import Sequential, Model
from keras.initializers import Constant, GlorotUniform, RandomNormal
from keras.losses import BinaryCrossentropy
from keras.optimizers import Adam

# ---------------------------------------------------------------- settings.py (scaled down)
IMAGE_SIZE = 16
IMAGE_CHANNEL = 3
LATENT_DIM = 16
RANDOM_NORMAL_STD_DEV = 0.02
LEAKY_RELU_ALPHA = 0.2
KERNEL_SIZE = 3
ADAM_LEARNING_RATE = 0.0002
ADAM_BETA1 = 0.5
SMOOTH = 0.2


# ---------------------------------------------------------------- EqualizedLRConv2D.py
class EqualizedLRConv2D(Layer):
    def __init__(self, filters, kernel_size, strides=1, padding='same', kernel_initializer=GlorotUniform(), **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.initializer = kernel_initializer

    def build(self, input_shape):
        self.equalized_weights = self.add_weight(name='equalized_weights', shape=(self.kernel_size[0], self.kernel_size[1], input_shape[3], self.filters), initializer=self.initializer, trainable=True)
        self.equalized_biases = self.add_weight(name='equalized_biases', shape=(self.filters,), initializer=Constant(0), trainable=True)

        self.equalized_weights = self.equalized_weights * tf.sqrt(2 / (self.kernel_size[0] * self.kernel_size[1] * input_shape[3] * self.filters))
        super().build(input_shape)

    def call(self, inputs):
        return tf.nn.conv2d(inputs, self.equalized_weights, strides=(1, self.strides, self.strides, 1), padding=self.padding.upper()) + self.equalized_biases

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1] // self.strides, input_shape[2] // self.strides, self.filters)


# ---------------------------------------------------------------- EqualizedLRDense.py
class EqualizedLRDense(Layer):
    def __init__(self, units, kernel_initializer=RandomNormal(stddev=RANDOM_NORMAL_STD_DEV), **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.initializer = kernel_initializer

    def build(self, input_shape):
        self.equalized_weights = self.add_weight(name='equalized_weights', shape=(input_shape[1], self.units), initializer=self.initializer, trainable=True)
        self.equalized_biases = self.add_weight(name='equalized_biases', shape=(self.units,), initializer=Constant(0), trainable=True)

        self.equalized_weights = self.equalized_weights * tf.sqrt(2 / input_shape[1])
        super().build(input_shape)

    def call(self, inputs):
        return tf.matmul(inputs, self.equalized_weights) + self.equalized_biases

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)

    def get_config(self):
        config = super().get_config()
        config['units'] = self.units
        return config


# ---------------------------------------------------------------- PixelNormalization.py
class PixelNormalization(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, inputs):
        return inputs / tf.sqrt(tf.reduce_mean(tf.square(inputs), axis=-1, keepdims=True) + 1e-8)

    def compute_output_shape(self, input_shape):
        return input_shape


# ---------------------------------------------------------------- generator_model.py / discriminator_model.py
def get_generator_model():
    generator = Sequential([
        Input(shape=(LATENT_DIM,)),
        EqualizedLRDense(4 * 4 * 32),
        LeakyReLU(negative_slope=LEAKY_RELU_ALPHA),
        Reshape((4, 4, 32)),
        PixelNormalization(),
        BatchNormalization(),

        Conv2DTranspose(16, KERNEL_SIZE, strides=2, padding='same'),
        LeakyReLU(negative_slope=LEAKY_RELU_ALPHA),
        PixelNormalization(),
        BatchNormalization(),

        Conv2DTranspose(3, KERNEL_SIZE, strides=2, padding='same'),
        Activation('tanh')
    ])
    return generator


def get_discriminator_model():
    discriminator = Sequential([
        Input(shape=(IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNEL)),
        Conv2D(8, KERNEL_SIZE, strides=2, padding='same'),
        LeakyReLU(negative_slope=LEAKY_RELU_ALPHA),
        BatchNormalization(),
        Conv2D(16, KERNEL_SIZE, strides=2, padding='same'),
        LeakyReLU(negative_slope=LEAKY_RELU_ALPHA),
        Flatten(),
        EqualizedLRDense(1),
        Activation('sigmoid')
    ])
    return discriminator


# ---------------------------------------------------------------- GANModel.py
class GANModel(Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.generator = get_generator_model()
        self.discriminator = get_discriminator_model()

    def compile(self, **kwargs):
        self.generator_optimizer = Adam(learning_rate=ADAM_LEARNING_RATE, beta_1=ADAM_BETA1)
        self.discriminator_optimizer = Adam(learning_rate=ADAM_LEARNING_RATE, beta_1=ADAM_BETA1)
        self.gan_loss = BinaryCrossentropy()
        super().compile(**kwargs)

    def generator_loss(self, fake_output):
        return self.gan_loss(tf.ones_like(fake_output), fake_output)

    def discriminator_loss(self, real_output, fake_output):
        real_loss = self.gan_loss(tf.ones_like(real_output) * (1 - SMOOTH), real_output)
        fake_loss = self.gan_loss(tf.zeros_like(fake_output), fake_output)
        return real_loss + fake_loss

    @tf.function
    def train_step(self, data):
        batch_size = tf.shape(data)[0]
        latent = tf.random.normal((batch_size, LATENT_DIM))
        with tf.GradientTape() as generator_tape, tf.GradientTape() as discriminator_tape:
            fake_images = self.generator(latent, training=True)
            real_output = self.discriminator(data, training=True)
            fake_output = self.discriminator(fake_images, training=True)
            generator_loss = self.generator_loss(fake_output)
            discriminator_loss = self.discriminator_loss(real_output, fake_output)
        generator_gradient = generator_tape.gradient(generator_loss, self.generator.trainable_variables)
        discriminator_gradient = discriminator_tape.gradient(discriminator_loss, self.discriminator.trainable_variables)
        self.generator_optimizer.apply_gradients(zip(generator_gradient, self.generator.trainable_variables))
        self.discriminator_optimizer.apply_gradients(zip(discriminator_gradient, self.discriminator.trainable_variables))
        return {'generator_loss': generator_loss, 'discriminator_loss': discriminator_loss}

    def predict(self, x, **kwargs):
        return self.generator(x, training=False)


def build_model():
    return get_generator_model()
