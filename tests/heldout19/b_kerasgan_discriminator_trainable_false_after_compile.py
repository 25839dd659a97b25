"""Keras-GAN's classic recipe: compile the discriminator, then set `discriminator.trainable = False`
to build the combined model. On Keras 3 the discriminator never trains.

In Keras 2 `compile()` froze the trainable state, so `discriminator.train_on_batch` kept
updating the discriminator after the flag was flipped for the combined model. Keras 3 reads
`trainable` when the train function is first made (at the first `train_on_batch`), so the
discriminator has no trainable weights by then: each call prints "The model does not have
any trainable weights." and its 4 kernels/biases stay at their initial values, while the
combined model trains the generator against a frozen random critic.

Porting edits: 8x8x1 images, latent 4, Dense widths 16/8 instead of 512/256 and 256/512/1024;
Keras 3 imports (`keras.layers.LeakyReLU(negative_slope=...)`, `Input(shape=...)` first in
the Sequential); `train()` takes the images as an argument instead of loading MNIST and drops
the image sampling. The GAN class, the compile-then-freeze order and the training step are
the repository's.
"""

SOURCE = "https://github.com/eriklindernoren/Keras-GAN/blob/2ccd7cd4ec46a5d2e7782e57050cfc437e995e70/gan/gan.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/b_kerasgan_discriminator_trainable_false_after_compile.py
  as returned: Functional, count_params() = 1057, 4 weights, unbuilt: none
  after call: count_params() = 1057, 0 trainable weights, unbuilt: none; output dtypes ['float32']
  gradient None for 0 of 0 trainable weights: []
  tape watched 4 variables the model does not track: ['sequential/dense/kernel:0', 'sequential/dense/bias:0',
  'sequential/dense_1/kernel:0', 'sequential/dense_1/bias:0']
/tmp/mine19b/m_kgan.py (one GAN.train_step on 8 random images):
  UserWarning: The model does not have any trainable weights.  (from discriminator.train_on_batch)
  discriminator: weights 4, trainable 0, changed 0 of 4; generator changed 8 of 8
The discriminator's 4 weights are counted and used but never trained."""

import numpy as np
from keras.layers import BatchNormalization, Dense, Flatten, Input, LeakyReLU, Reshape
from keras.models import Model, Sequential
from keras.optimizers import Adam


class GAN():
    def __init__(self):
        self.img_rows = 8
        self.img_cols = 8
        self.channels = 1
        self.img_shape = (self.img_rows, self.img_cols, self.channels)
        self.latent_dim = 4

        optimizer = Adam(0.0002, 0.5)

        # Build and compile the discriminator
        self.discriminator = self.build_discriminator()
        self.discriminator.compile(loss='binary_crossentropy',
            optimizer=optimizer,
            metrics=['accuracy'])

        # Build the generator
        self.generator = self.build_generator()

        # The generator takes noise as input and generates imgs
        z = Input(shape=(self.latent_dim,))
        img = self.generator(z)

        # For the combined model we will only train the generator
        self.discriminator.trainable = False

        # The discriminator takes generated images as input and determines validity
        validity = self.discriminator(img)

        # The combined model  (stacked generator and discriminator)
        self.combined = Model(z, validity)
        self.combined.compile(loss='binary_crossentropy', optimizer=optimizer)

    def build_generator(self):
        model = Sequential()
        model.add(Input(shape=(self.latent_dim,)))
        model.add(Dense(16))
        model.add(LeakyReLU(negative_slope=0.2))
        model.add(BatchNormalization(momentum=0.8))
        model.add(Dense(int(np.prod(self.img_shape)), activation='tanh'))
        model.add(Reshape(self.img_shape))

        noise = Input(shape=(self.latent_dim,))
        img = model(noise)
        return Model(noise, img)

    def build_discriminator(self):
        model = Sequential()
        model.add(Input(shape=self.img_shape))
        model.add(Flatten())
        model.add(Dense(16))
        model.add(LeakyReLU(negative_slope=0.2))
        model.add(Dense(1, activation='sigmoid'))

        img = Input(shape=self.img_shape)
        validity = model(img)
        return Model(img, validity)

    def train_step(self, imgs, batch_size=8):
        valid = np.ones((batch_size, 1))
        fake = np.zeros((batch_size, 1))
        noise = np.random.normal(0, 1, (batch_size, self.latent_dim))
        gen_imgs = self.generator.predict(noise, verbose=0)
        d_loss_real = self.discriminator.train_on_batch(imgs, valid)
        d_loss_fake = self.discriminator.train_on_batch(gen_imgs, fake)
        d_loss = 0.5 * np.add(d_loss_real, d_loss_fake)
        noise = np.random.normal(0, 1, (batch_size, self.latent_dim))
        g_loss = self.combined.train_on_batch(noise, valid)
        return d_loss, g_loss


def build_model():
    gan = GAN()
    return gan.discriminator
