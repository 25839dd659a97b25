"""The WGAN-GP training script of the Deep-Learning-with-TensorFlow book builds its subclassed `Generator` and `Discriminator` with `generator.build(input_shape=(None, z_dim))` / `discriminator.build(input_shape=(None, 64, 64, 3))` before the first call; neither model defines `build()`, so on Keras 3 the explicit build does not trace `call()` and every `Dense`, `Conv2DTranspose` and `BatchNormalization` stays unbuilt (0 parameters) until the first training step.

From dragen1860/Deep-Learning-with-TensorFlow-book (the code of the Chinese TensorFlow 2 textbook), chapter 13
(GANs): `ch13-生成对抗网络/wgan.py` defines `Generator(keras.Model)` (fc 100 -> 3*3*512, reshape, three
`Conv2DTranspose` with two batch norms, tanh, 64x64x3 anime faces) and `Discriminator(keras.Model)` (three strided
`Conv2D`, two batch norms, flatten, `Dense(1)`), all sublayers made in `__init__` and chained in `call()`.
`ch13-生成对抗网络/wgan_train.py::main()` does `generator = Generator(); generator.build(input_shape=(None, z_dim))`,
the same for the discriminator, then creates the Adam optimizers and enters the WGAN-GP loop. On tf.keras 2,
`Model.build(shape)` on a subclassed model ran `call()` on a placeholder and created every weight. On Keras 3 the
model has no `build()` of its own, so the default only warns ("does not have a `build()` method implemented and it
looks like it has unbuilt state") and marks the model built: all six weighted sublayers of the generator stay unbuilt,
`count_params()` is 0 and anything between build and the first call (summary, load_weights, a checkpoint restore)
sees no weights (LD005). The loop itself still trains, because the first `generator(batch_z)` builds the layers.

Porting edits: none to the two classes (copied from wgan.py). From wgan_train.py the loss functions, the gradient
penalty and the training step are kept as `train_step()` (not run; the dataset loader and image saving are left
out). build_model() does what `main()` does for the generator, `Generator()` then `.build(input_shape=(None, 100))`,
and returns it with a (2, 100) noise batch.
"""

SOURCE = "https://github.com/dragen1860/Deep-Learning-with-TensorFlow-book/blob/70f833b3f35ddb980fb3162f15001eb6d90d85ad/ch13-%E7%94%9F%E6%88%90%E5%AF%B9%E6%8A%97%E7%BD%91%E7%BB%9C/wgan_train.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/ca_tfbook_wgan_generator_build_before_call_leaves_dense_and_deconvs_unbuilt.py:
warning: `build()` was called on layer 'generator', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despi
as returned: Generator, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Conv2DTranspose:conv2d_transpose', 'BatchNormalization:batch_normalization', 'Conv2DTranspose:conv2d_transpose_1', 'BatchNormalization:batch_normalization_1', 'Conv2DTranspose:conv2d_transpose_2']
after call: count_params() = 2472323, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_tfbook.py (same classes): Discriminator().build(input_shape=(None, 64, 64, 3)) likewise leaves 0 weights and 0 trainable_variables; the generator's trainable_variables is [] right after build()."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Generator(keras.Model):

    def __init__(self):
        super(Generator, self).__init__()

        # z: [b, 100] => [b, 3*3*512] => [b, 3, 3, 512] => [b, 64, 64, 3]
        self.fc = layers.Dense(3*3*512)

        self.conv1 = layers.Conv2DTranspose(256, 3, 3, 'valid')
        self.bn1 = layers.BatchNormalization()

        self.conv2 = layers.Conv2DTranspose(128, 5, 2, 'valid')
        self.bn2 = layers.BatchNormalization()

        self.conv3 = layers.Conv2DTranspose(3, 4, 3, 'valid')

    def call(self, inputs, training=None):
        # [z, 100] => [z, 3*3*512]
        x = self.fc(inputs)
        x = tf.reshape(x, [-1, 3, 3, 512])
        x = tf.nn.leaky_relu(x)

        #
        x = tf.nn.leaky_relu(self.bn1(self.conv1(x), training=training))
        x = tf.nn.leaky_relu(self.bn2(self.conv2(x), training=training))
        x = self.conv3(x)
        x = tf.tanh(x)

        return x


class Discriminator(keras.Model):

    def __init__(self):
        super(Discriminator, self).__init__()

        # [b, 64, 64, 3] => [b, 1]
        self.conv1 = layers.Conv2D(64, 5, 3, 'valid')

        self.conv2 = layers.Conv2D(128, 5, 3, 'valid')
        self.bn2 = layers.BatchNormalization()

        self.conv3 = layers.Conv2D(256, 5, 3, 'valid')
        self.bn3 = layers.BatchNormalization()

        # [b, h, w ,c] => [b, -1]
        self.flatten = layers.Flatten()
        self.fc = layers.Dense(1)


    def call(self, inputs, training=None):

        x = tf.nn.leaky_relu(self.conv1(inputs))
        x = tf.nn.leaky_relu(self.bn2(self.conv2(x), training=training))
        x = tf.nn.leaky_relu(self.bn3(self.conv3(x), training=training))

        # [b, h, w, c] => [b, -1]
        x = self.flatten(x)
        # [b, -1] => [b, 1]
        logits = self.fc(x)

        return logits


def celoss_ones(logits):
    return - tf.reduce_mean(logits)


def celoss_zeros(logits):
    return tf.reduce_mean(logits)


def gradient_penalty(discriminator, batch_x, fake_image):

    batchsz = batch_x.shape[0]

    # [b, h, w, c]
    t = tf.random.uniform([batchsz, 1, 1, 1])
    # [b, 1, 1, 1] => [b, h, w, c]
    t = tf.broadcast_to(t, batch_x.shape)

    interplate = t * batch_x + (1 - t) * fake_image

    with tf.GradientTape() as tape:
        tape.watch([interplate])
        d_interplote_logits = discriminator(interplate, training=True)
    grads = tape.gradient(d_interplote_logits, interplate)

    # grads:[b, h, w, c] => [b, -1]
    grads = tf.reshape(grads, [grads.shape[0], -1])
    gp = tf.norm(grads, axis=1) #[b]
    gp = tf.reduce_mean( (gp-1)**2 )

    return gp


def d_loss_fn(generator, discriminator, batch_z, batch_x, is_training):
    fake_image = generator(batch_z, is_training)
    d_fake_logits = discriminator(fake_image, is_training)
    d_real_logits = discriminator(batch_x, is_training)

    d_loss_real = celoss_ones(d_real_logits)
    d_loss_fake = celoss_zeros(d_fake_logits)
    gp = gradient_penalty(discriminator, batch_x, fake_image)

    loss = d_loss_real + d_loss_fake + 10. * gp

    return loss, gp


def g_loss_fn(generator, discriminator, batch_z, is_training):

    fake_image = generator(batch_z, is_training)
    d_fake_logits = discriminator(fake_image, is_training)
    loss = celoss_ones(d_fake_logits)

    return loss


def train_step(generator, discriminator, g_optimizer, d_optimizer, db_iter, batch_size, z_dim, is_training=True):
    """One epoch of wgan_train.py's loop (five critic steps, one generator step); not run here."""
    for _ in range(5):
        batch_z = tf.random.normal([batch_size, z_dim])
        batch_x = next(db_iter)

        # train D
        with tf.GradientTape() as tape:
            d_loss, gp = d_loss_fn(generator, discriminator, batch_z, batch_x, is_training)
        grads = tape.gradient(d_loss, discriminator.trainable_variables)
        d_optimizer.apply_gradients(zip(grads, discriminator.trainable_variables))

    batch_z = tf.random.normal([batch_size, z_dim])

    with tf.GradientTape() as tape:
        g_loss = g_loss_fn(generator, discriminator, batch_z, is_training)
    grads = tape.gradient(g_loss, generator.trainable_variables)
    g_optimizer.apply_gradients(zip(grads, generator.trainable_variables))
    return d_loss, g_loss, gp


def build_model():
    z_dim = 100
    generator = Generator()
    generator.build(input_shape = (None, z_dim))
    return generator, np.random.default_rng(0).normal(size=(2, z_dim)).astype("float32")
