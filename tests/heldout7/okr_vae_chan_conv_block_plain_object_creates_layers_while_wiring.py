"""vae-chan's `conv_block` is a plain Python object whose `__call__` creates Conv2D/BatchNormalization/LeakyReLU on every use, called from an `Architecture.build()` that wires a functional model: every layer lands in the model.

deeplearning2020/vae-chan (beta-VAE for image super-resolution, tf.keras) keeps its networks as
subclasses of a plain `Architecture(object)` base class whose `__init__` stores the shapes and sets
`self.model = self.build()`. `vgg_encoder.build()` wires a functional `Model` from an `Input`
through ~20 `conv_block(filters, kernelSize)(x, training=...)` calls; `conv_block` holds only its
settings and makes fresh layers inside `__call__`. Nothing is stored on an untracked object: each
layer is called once on a symbolic tensor, so the functional graph owns it. The latent sampling
layer (`latent_vector`) is reduced here to the mean path (`K.in_train_phase` has no Keras 3
equivalent).
"""

SOURCE = "https://github.com/deeplearning2020/vae-chan/blob/8b89478656f63edf6af44e2eee2640a603d9f646/utils.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okr_vae_chan_conv_block_plain_object_creates_layers_while_wiring.py:
as returned: Functional, count_params() = 12672, 34 weights, unbuilt: none
after call: count_params() = 12672, 24 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 24 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'latent_vector': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import Input
from tensorflow.keras.layers import (BatchNormalization, Conv2D, GlobalAveragePooling2D, Layer, LeakyReLU,
                                     MaxPool2D)
from tensorflow.keras.models import Model

init = "he_normal"


class conv_block(object):
    def __init__(self, filters, kernelSize, strides=1):
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides

    def __call__(self, x, training=None):
        x = Conv2D(self.filters, self.kernelSize, kernel_initializer=init, strides=self.strides, padding="same")(x)
        x = BatchNormalization()(x)
        x = LeakyReLU()(x)
        return x


class latent_vector(Layer):
    def __init__(self, latent_regularizer="bvae", beta=100., **kwargs):
        super(latent_vector, self).__init__(**kwargs)
        self.beta = beta

    def call(self, x, training=None):
        mean, logvar = x
        return mean + 0 * logvar


class Architecture(object):
    def __init__(self, inputShape=None, batchSize=None, latentSize=None):
        self.inputShape = inputShape
        self.batchSize = batchSize
        self.latentSize = latentSize
        self.model = self.build()


class vgg_encoder(Architecture):
    def __init__(self, inputShape=(32, 32, 3), batchSize=None, latentSize=16, latentConstraints="bvae",
                 beta=100., training=None):
        self.latentConstraints = latentConstraints
        self.beta = beta
        self.training = training
        super().__init__(inputShape, batchSize, latentSize)

    def build(self):
        inLayer = Input(self.inputShape, self.batchSize)
        x = conv_block(8, kernelSize=3)(inLayer, training=self.training)
        x = MaxPool2D((2, 2), strides=(2, 2))(x)
        x = conv_block(16, kernelSize=3)(x, training=self.training)
        x = MaxPool2D((2, 2), strides=(2, 2))(x)
        x = conv_block(32, kernelSize=3)(x, training=self.training)
        x = conv_block(16, kernelSize=1)(x, training=self.training)
        x = conv_block(32, kernelSize=3)(x, training=self.training)
        mean = Conv2D(filters=self.latentSize, kernel_size=(1, 1), padding="same")(x)
        mean = GlobalAveragePooling2D()(mean)
        logvar = Conv2D(filters=self.latentSize, kernel_size=(1, 1), padding="same")(x)
        logvar = GlobalAveragePooling2D()(logvar)
        sample = latent_vector(self.latentConstraints, self.beta)([mean, logvar], training=self.training)
        return Model(inputs=inLayer, outputs=sample)


def build_model():
    return vgg_encoder().model
