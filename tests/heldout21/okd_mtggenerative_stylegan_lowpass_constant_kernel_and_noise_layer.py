"""StyleGAN-style generator layers: `LowPassFilter2D` stores its fixed blur kernel as a `K.constant`
tensor on `self` in `build()`, `NoiseLayer` draws per-pixel Gaussian noise with `K.random_normal` in
`call()` and scales it by an `add_weight` per-channel weight, and `LearnedConstantLatent` sets
`self.latent = None` in `__init__` and replaces it with an `add_weight` in `build()`.

From FloatFlow/mtg-generative (`model/layers.py`, the custom layers of its StyleGAN/MSG-GAN
generators). Looks like three of the traps at once: a weight-like tensor on `self` in `build()` (LD001
look-alike), a random tensor made in `call()` (LD002 look-alike) and an attribute that starts as None and
becomes a weight later. On Keras 3 the blur kernel is a constant of the anti-aliasing filter by design
(not meant to train), the noise is fresh per call by design, and the two `add_weight` variables are
tracked, counted and trained.

Porting edits: standalone Keras 2 `K.*` ops -> the matching `tf` ops (`K.constant` -> `tf.constant`,
`K.depthwise_conv2d` -> `tf.nn.depthwise_conv2d`, `K.random_normal` -> `tf.random.normal`,
`K.int_shape(x)` -> `x.shape`, `K.epsilon()` -> `keras.config.epsilon()`); `build_model()` wires a tiny
generator head in the repository's style (latent input 8 -> LearnedConstantLatent -> Dense(4*4*8) ->
Reshape -> UpSampling2D -> Conv2D(8) -> LowPassFilter2D(3) -> NoiseLayer -> LeakyReLU -> Conv2D(3)).
"""

SOURCE = "https://github.com/FloatFlow/mtg-generative/blob/0b528bbd63470d0a4e625b54f4535ae0d7d4fd95/model/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/okd_mtggenerative_stylegan_lowpass_constant_kernel_and_noise_layer.py:
as returned: Functional, count_params() = 1779, 8 weights, unbuilt: none
after call: count_params() = 1779, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'learned_constant_latent': 8, 'low_pass_filter2d': 0, 'noise_layer': 8}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine21a/lpprobe.py: LowPassFilter2D.kernel is an EagerTensor summing to 1.0 (a fixed
blur), the layer owns no weights; /tmp/mine21a/gradprobe.py: all 8 gradients non-None and non-zero
(learned_latent 0.077, noise_weight 0.057); /tmp/mine21a/fitprobe.py (SGD(0.1), mse, one fit step):
fit ok, 8/8 trainable weights change."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer


class NoiseLayer(Layer):
    def __init__(self, **kwargs):
        super(NoiseLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        self.noise_weight = self.add_weight(name='noise_weight',
                                            shape=[input_shape[-1]],
                                            initializer='zeros')

    def call(self, x, **kwargs):
        noise = tf.random.normal([tf.shape(x)[0], tf.shape(x)[1], tf.shape(x)[2], 1], dtype=x.dtype)  # [batch, h, w, c]
        return x + noise * tf.reshape(self.noise_weight, [1, 1, 1, -1])

    def compute_output_shape(self, input_shape):
        return input_shape


class LowPassFilter2D(Layer):
    def __init__(self, kernel_size=3, **kwargs):
        self.kernel_size = kernel_size
        super(LowPassFilter2D, self).__init__(**kwargs)

    def build(self, input_shape):
        if self.kernel_size == 2:
            self.kernel = tf.constant([[0.25, 0.25,],
                                      [0.25, 0.25,]])
        elif self.kernel_size == 3:
            self.kernel = tf.constant([[0.1, 0.1, 0.1],
                                      [0.1, 0.2, 0.1],
                                      [0.1, 0.1, 0.1]])
        elif self.kernel_size == 4:
            numpy_kernel = [[1, 1, 1, 1],
                            [1, 3, 3, 1],
                            [1, 3, 3, 1],
                            [1, 1, 1, 1]]
            numpy_kernel = numpy_kernel/np.sum(numpy_kernel)
            self.kernel = tf.constant(numpy_kernel)
        elif serlf.kernel_size == 5:
            numpy_kernel = [[1, 1, 1, 1, 1],
                            [1, 4, 4, 4, 1],
                            [1, 4, 6, 4, 1],
                            [1, 4, 4, 4, 1],
                            [1, 1, 1, 1, 1]]
            numpy_kernel = numpy_kernel/np.sum(numpy_kernel)
            self.kernel = tf.constant(numpy_kernel)
        else:
            raise ValueError('LowPassFilter2D only implements kernel sizes of 2, 3, 4, or 5.')
        super(LowPassFilter2D, self).build(input_shape)

    def call(self, inputs):
        n_channels = inputs.shape[-1]
        kernel = tf.expand_dims(self.kernel, axis=-1)
        kernel = tf.expand_dims(kernel, axis=-1)
        kernel = tf.tile(kernel, (1, 1, n_channels, 1))
        convolved = tf.nn.depthwise_conv2d(inputs,
                                           kernel,
                                           strides=(1, 1, 1, 1),
                                           padding='SAME',
                                           data_format='NHWC',
                                           dilations=(1, 1))
        return convolved

    def compute_output_shape(self, input_shape):
        return input_shape


class LearnedConstantLatent(Layer):
    def __init__(self, latent_size=None, **kwargs):
        self.latent_size = latent_size
        self.latent = None
        super(LearnedConstantLatent, self).__init__(**kwargs)

    def build(self, input_shape):
        if self.latent == None:
            weight_dim = input_shape[-1]
        else:
            weight_dim = self.latent_size
        self.latent = self.add_weight(shape=(weight_dim, ),
                                      name='learned_latent',
                                      initializer='ones')
        super(LearnedConstantLatent, self).build(input_shape)

    def call(self, inputs):
        latent = self.latent * (tf.constant(1.0)/ tf.sqrt(tf.reduce_mean(tf.square(self.latent), axis=-1, keepdims=True) + keras.config.epsilon()))
        latent = tf.expand_dims(latent, axis=0)
        latent_expand = tf.tile(latent, [tf.shape(inputs)[0], 1])
        return latent_expand

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    latent_in = keras.Input((8,))
    x = LearnedConstantLatent()(latent_in)
    x = keras.layers.Dense(4 * 4 * 8)(x)
    x = keras.layers.Reshape((4, 4, 8))(x)
    x = keras.layers.UpSampling2D()(x)
    x = keras.layers.Conv2D(8, 3, padding='same')(x)
    x = LowPassFilter2D(kernel_size=3)(x)
    x = NoiseLayer()(x)
    x = keras.layers.LeakyReLU(0.2)(x)
    out = keras.layers.Conv2D(3, 1, padding='same', activation='tanh')(x)
    return keras.Model(latent_in, out)
