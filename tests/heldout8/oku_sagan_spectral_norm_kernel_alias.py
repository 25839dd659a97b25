"""SAGAN spectral-normalisation wrapper that aliases the wrapped kernel as self.kernel and rewrites it with assign().

In build() the wrapper stores `self.kernel = self.layer.kernel` (a second attribute pointing at the
inner Conv2D's kernel variable) and a non-trainable `sn_u` made with add_weight; call() runs the
power iteration and writes the normalised kernel back with `self.layer.kernel.assign(...)` before
calling the wrapped layer. This looks like a frozen copy of the weight / an attribute overwritten
by a tensor derived from it, but no attribute is rebound: the alias is the same variable (Keras
tracks it once), the wrapped layer reads the variable in its own call, so the kernel is counted
once and gets a gradient. (`self.kernel.shape.as_list()` is written `list(self.kernel.shape)`:
Keras 3 variable shapes are tuples.)
"""

SOURCE = "https://github.com/dvlboo/manuscript-restoration-sagan/blob/4f6ec0a0f00f3dc91573ee409ef150be2be6b614/utils/spectral_norm.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oku_sagan_spectral_norm_kernel_alias.py:
as returned: Functional, count_params() = 9569, 8 weights, unbuilt: none
after call: count_params() = 9569, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'spectral_normalization': 800, 'spectral_normalization_1': 8256}
second call: 0 variables watched that the first call did not use
9569 = 800 (conv 784 + sn_u 16) + 8256 (conv 8224 + sn_u 32) + 513 (Dense): the aliased kernel is counted once."""

import tensorflow as tf


# 🌟 Spectral Normalization Layer
class SpectralNormalization(tf.keras.layers.Wrapper):
    def __init__(self, layer, power_iterations=1, **kwargs):
        super(SpectralNormalization, self).__init__(layer, **kwargs)
        self.power_iterations = power_iterations
        self.u = None  # defer creation to build()

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self.kernel = self.layer.kernel
        if self.u is None:
            self.u = self.add_weight(
                shape=(1, self.kernel.shape[-1]),
                initializer="random_normal",
                trainable=False,
                name="sn_u"
            )
        super().build(input_shape)

    def call(self, inputs, training=None):
        # Power iteration
        w_shape = list(self.kernel.shape)
        w = tf.reshape(self.kernel, [-1, w_shape[-1]])
        u = self.u
        for _ in range(self.power_iterations):
            v = tf.linalg.l2_normalize(tf.matmul(u, tf.transpose(w)))
            u = tf.linalg.l2_normalize(tf.matmul(v, w))
        sigma = tf.matmul(tf.matmul(v, w), tf.transpose(u))
        w_norm = w / sigma
        self.layer.kernel.assign(tf.reshape(w_norm, w_shape))
        self.u.assign(u)
        return self.layer(inputs, training=training)


# --- discriminator block in the style of the repository's SAGAN models -----------------------
def conv_sn(filters, kernel_size=4, strides=2):
    return SpectralNormalization(tf.keras.layers.Conv2D(filters, kernel_size, strides=strides, padding="same"))


def build_discriminator(img_size=16, channels=3):
    inp = tf.keras.Input(shape=(img_size, img_size, channels))
    x = conv_sn(16)(inp)
    x = tf.keras.layers.LeakyReLU(0.2)(x)
    x = conv_sn(32)(x)
    x = tf.keras.layers.LeakyReLU(0.2)(x)
    x = tf.keras.layers.Flatten()(x)
    out = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inp, out, name="discriminator")


def build_model():
    return build_discriminator()
