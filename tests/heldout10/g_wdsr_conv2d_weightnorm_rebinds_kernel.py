"""WDSR ported to TF2 with a hand-written weight-normalised Conv2D whose build() rebinds `self.kernel`.

The user could not use tensorflow-addons' `WeightNormalization`, so they pasted a `Conv2DWeightNorm`
(a `Conv2D` subclass from another repository) into the WDSR model file, switched `tf.layers` to
`tf.keras.layers`, and called it through a `conv2d_weight_norm(inputs, ...)` helper. `build()` creates the
gain `wn_g`, lets `Conv2D.build` make the kernel, then replaces `self.kernel` by the tensor
`kernel * (1/||kernel|| * wn_g)`. The model ran, but training warned "Gradients do not exist" for the
variables of every weight-normalised conv: the call reads a constant computed once in build(). On Keras 3
`Conv2D.kernel` is a read-only property, so the same assignment fails when the layer is built.
"""

SOURCE = "https://github.com/krasserm/super-resolution/issues/97"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py g_wdsr_conv2d_weightnorm_rebinds_kernel.py:
build_model() raised AttributeError: property 'kernel' of 'Conv2DWeightNorm' object has no setter
(raised from build() while the functional model is wired; not measured on tf.keras 2, where the report (TF 2.5)
saw "Gradients do not exist" for the weight-normalised convs)"""

import tensorflow as tf


class Conv2DWeightNorm(tf.keras.layers.Conv2D):

    def build(self, input_shape):
        self.wn_g = self.add_weight(
            name="wn_g",
            shape=(self.filters,),
            dtype=self.dtype,
            initializer=tf.keras.initializers.Ones(),
            trainable=True,
        )
        super(Conv2DWeightNorm, self).build(input_shape)
        square_sum = tf.reduce_sum(tf.square(self.kernel), [0, 1, 2], keepdims=False)
        inv_norm = tf.math.rsqrt(square_sum)
        self.kernel = self.kernel * (inv_norm * self.wn_g)


def conv2d_weight_norm(inputs,
                       filters,
                       kernel_size,
                       strides=(1, 1),
                       padding="valid",
                       data_format="channels_last",
                       dilation_rate=(1, 1),
                       activation=None,
                       use_bias=True,
                       kernel_initializer=None,
                       bias_initializer=tf.zeros_initializer(),
                       trainable=True,
                       name=None):
    layer = Conv2DWeightNorm(
        filters=filters,
        kernel_size=kernel_size,
        strides=strides,
        padding=padding,
        data_format=data_format,
        dilation_rate=dilation_rate,
        activation=activation,
        use_bias=use_bias,
        kernel_initializer=kernel_initializer or "glorot_uniform",
        bias_initializer=bias_initializer,
        trainable=trainable,
        name=name,
    )
    return layer(inputs)


DIV2K_RGB_MEAN = [0.4488 * 255, 0.4371 * 255, 0.4040 * 255]


def normalize(x):
    return (x - DIV2K_RGB_MEAN) / 127.5


def denormalize(x):
    return x * 127.5 + DIV2K_RGB_MEAN


def pixel_shuffle(scale):
    return lambda x: tf.nn.depth_to_space(x, scale)


def res_block_b(x_in, num_filters, expansion, kernel_size, scaling):
    linear = 0.8
    x = conv2d_weight_norm(x_in, num_filters * expansion, 1, padding="same", activation="relu")
    x = conv2d_weight_norm(x, int(num_filters * linear), 1, padding="same")
    x = conv2d_weight_norm(x, num_filters, kernel_size, padding="same")
    if scaling:
        x = tf.keras.layers.Lambda(lambda t: t * scaling)(x)
    x = tf.keras.layers.Add()([x_in, x])
    return x


def wdsr_b(scale=2, num_filters=16, num_res_blocks=2, res_block_expansion=4, res_block_scaling=None):
    x_in = tf.keras.layers.Input(shape=(None, None, 3))
    x = tf.keras.layers.Lambda(normalize)(x_in)

    # main branch
    m = conv2d_weight_norm(x, num_filters, 3, padding="same")
    for _ in range(num_res_blocks):
        m = res_block_b(m, num_filters, res_block_expansion, kernel_size=3, scaling=res_block_scaling)
    m = conv2d_weight_norm(m, 3 * scale ** 2, 3, padding="same", name=f"conv2d_main_scale_{scale}")
    m = tf.keras.layers.Lambda(pixel_shuffle(scale))(m)

    # skip branch
    s = conv2d_weight_norm(x, 3 * scale ** 2, 5, padding="same", name=f"conv2d_skip_scale_{scale}")
    s = tf.keras.layers.Lambda(pixel_shuffle(scale))(s)

    x = tf.keras.layers.Add()([m, s])
    x = tf.keras.layers.Lambda(denormalize)(x)
    return tf.keras.models.Model(x_in, x, name="wdsr")


def build_model():
    return wdsr_b()
