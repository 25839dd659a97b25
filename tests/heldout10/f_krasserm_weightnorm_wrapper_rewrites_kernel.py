"""A weight-normalization wrapper (generic-wrapper option for WDSR) overwrites the wrapped conv's `kernel` with a tensor in `call()`.

The blog post "Weight normalization implementation options for Keras and Tensorflow" (krasserm,
2018) surveys ways to get weight norm into tf.keras, among them a generic `Wrapper` that keeps the
wrapped layer's kernel as `v`, adds a scale `g`, and on every call assigns
`layer.kernel = g * v / ||v||` before running the wrapped layer (the approach
`tf.contrib`/`tfa.layers.WeightNormalization` used). The author uses it in WDSR-style residual
blocks for super-resolution, built by small factory functions. On Keras 3 the conv's `kernel` is a
read-only property backed by the variable, so the overwrite fails on the first call; under
tf.keras it silently replaced a variable attribute with a derived tensor.
"""

SOURCE = "https://krasserm.github.io/2018/11/10/weightnorm-implementation-options/"
CODES = ("LD010",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py f_krasserm_weightnorm_wrapper_rewrites_kernel.py:
as returned: Functional, count_params() = 10548, 27 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling WeightNorm.call().
"""

import tensorflow as tf
from tensorflow.keras import layers, Model, Input


class WeightNorm(layers.Wrapper):
    """Weight normalization (Salimans & Kingma 2016) around a Conv2D/Dense layer."""

    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel = self.layer.kernel
        self.kernel_norm_axes = list(range(len(kernel.shape) - 1))
        self.v = kernel
        self.g = self.add_weight(
            name="g",
            shape=(kernel.shape[-1],),
            initializer="ones",
            trainable=True,
        )
        super().build(input_shape)

    def call(self, inputs):
        w = tf.nn.l2_normalize(self.v, axis=self.kernel_norm_axes) * self.g
        self.layer.kernel = w
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def conv2d_weightnorm(filters, kernel_size, padding="same", activation=None, **kwargs):
    return WeightNorm(layers.Conv2D(filters, kernel_size, padding=padding, activation=activation, **kwargs))


def res_block_b(x_in, num_filters, expansion, kernel_size=3, scaling=None):
    linear = 0.8
    x = conv2d_weightnorm(num_filters * expansion, 1, activation="relu")(x_in)
    x = conv2d_weightnorm(int(num_filters * linear), 1)(x)
    x = conv2d_weightnorm(num_filters, kernel_size)(x)
    if scaling:
        x = layers.Lambda(lambda t: t * scaling)(x)
    return layers.Add()([x_in, x])


def wdsr_b(scale=2, num_filters=16, num_res_blocks=2, res_block_expansion=4):
    x_in = Input(shape=(None, None, 3))
    m = conv2d_weightnorm(num_filters, 3)(x_in)
    for _ in range(num_res_blocks):
        m = res_block_b(m, num_filters, res_block_expansion)
    m = conv2d_weightnorm(3 * scale ** 2, 3)(m)
    s = conv2d_weightnorm(3 * scale ** 2, 5)(x_in)
    x = layers.Add()([m, s])
    x = layers.Lambda(lambda t: tf.nn.depth_to_space(t, scale))(x)
    return Model(x_in, x, name="wdsr_b")


def build_model():
    return wdsr_b()
