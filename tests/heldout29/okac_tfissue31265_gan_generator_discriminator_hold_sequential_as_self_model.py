"""A DCGAN whose `Generator` and `Discriminator` are `keras.Model` subclasses that each hold a whole
`Sequential` (starting with an `Input`) in `self.model` and forward `training`/`mask` to it.

From tensorflow/tensorflow#31265 ("No gradients provided for any variable"): the reporter's GAN on
TF 2.0-beta trained both networks with two GradientTapes and `*.trainable_variables`; the error came
from the training loop, not from the models. The models look suspicious (a Model wrapping a Model
under the attribute name `model`, an `Input` inside the Sequential, `mask=` passed through), but on
Keras 3 the Sequential is tracked as a sublayer and every weight gets a gradient.

Porting edits: `tensorflow.keras` -> `keras`; `n_f` 512 -> 8 (the reporter's widths otherwise); the
discriminator's layers after the first conv reconstructed from the reporter's snippet at small width;
`keras.layers.Input((100))` -> `keras.layers.Input((100,))` (Keras 3 wants a tuple); `build_model()`
returns the two networks stacked in a small functional GAN graph (noise -> generator ->
discriminator) the way the reporter's generator step chains them.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/31265"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/okac_tfissue31265_gan_generator_discriminator_hold_sequential_as_self_model.py:
as returned: Functional, count_params() = 10800, 26 weights, unbuilt: none
after call: count_params() = 10800, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'generator': 7751, 'discriminator': 3049}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


class Generator(keras.Model):

    def __init__(self, n_f=512, n_k=4):
        super(Generator, self).__init__()
        self.model = keras.models.Sequential([
            keras.layers.Input((100,)),
            keras.layers.Dense(3 * 3 * n_f, activation=tf.nn.leaky_relu),
            keras.layers.Reshape((3, 3, n_f)),
            keras.layers.Conv2DTranspose(filters=n_f // 2, kernel_size=3, strides=2, padding='valid'),
            keras.layers.BatchNormalization(),
            keras.layers.LeakyReLU(),
            keras.layers.Conv2DTranspose(filters=n_f // 4, kernel_size=n_k, strides=2, padding='same'),
            keras.layers.BatchNormalization(),
            keras.layers.LeakyReLU(),
            keras.layers.Conv2DTranspose(filters=1, kernel_size=n_k, strides=2, padding='same'),

        ])

    def call(self, inputs, training=None, mask=None):
        return self.model(inputs, training=training, mask=mask)


class Discriminator(keras.Model):

    def __init__(self, n_f=512, n_k=4):
        super(Discriminator, self).__init__()

        self.model = keras.models.Sequential([
            keras.layers.Input((28, 28, 1)),
            keras.layers.Conv2D(filters=n_f, kernel_size=n_k, strides=2, padding='same'),
            keras.layers.LeakyReLU(),
            keras.layers.Conv2D(filters=n_f * 2, kernel_size=n_k, strides=2, padding='same'),
            keras.layers.BatchNormalization(),
            keras.layers.LeakyReLU(),
            keras.layers.Flatten(),
            keras.layers.Dense(1),
        ])

    def call(self, inputs, training=None, mask=None):
        return self.model(inputs, training=training, mask=mask)


def build_model():
    generator = Generator(n_f=8)
    discriminator = Discriminator(n_f=8)
    noise = keras.Input((100,))
    return keras.Model(noise, discriminator(generator(noise)))
