"""A few-shot talking-head GAN whose every convolution is a `ConvLayer` wrapping `Conv2D` in a
hand-written `SpectralNormalization` wrapper; the wrapper keeps `self.w = self.layer.kernel` and, on
every forward pass, overwrites the wrapped layer's kernel attribute with a tensor derived from it:
`self.layer.kernel = self.w / sigma`.

From purelyvivid/ET082_15_MoveImg (`tf2/spectral_norm.py`, after a Medium post by FloydHsiu, used by
`tf2/components.py`'s `ConvLayer`, `ResidualBlockDown`, `ResidualBlockUp`, ... of the embedder,
generator and discriminator). Replacing the kernel variable by a normalized tensor is how the
author meant to apply spectral normalization; on tf.keras 2 it silently swapped the variable out of
the layer. On Keras 3 the `kernel` of `Conv2D` is a read-only property, so the first forward pass of
any block raises.

Porting edits: `tf.keras` -> `keras` for the classes (the ops stay `tf.*`);
`tf.initializers.TruncatedNormal` -> `keras.initializers.TruncatedNormal`;
`tf.keras.backend.pool2d(out, (2,2), strides=(2,2))` (gone in Keras 3; max pooling by default) ->
`tf.nn.max_pool2d(out, 2, 2, 'VALID')`; `self.w.shape.as_list()` guarded (a Keras 3 variable's shape is a
tuple); only the pieces the discriminator's down block needs are kept
(`SpectralNormalization`, `ConvLayer`, `ResidualBlockDown`); `compute_output_shape` kept as written;
8x8x3 input, 4 channels; `build_model()` returns `(ResidualBlockDown(4), batch)`.
"""

SOURCE = "https://github.com/purelyvivid/ET082_15_MoveImg/blob/5c92e0ba17abdb9ad505a533e510f1364ce1f601/tf2/spectral_norm.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/ac_moveimg_talkinghead_gan_spectralnorm_overwrites_kernel.py:
as returned: ResidualBlockDown, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['ConvLayer:conv_layer', 'SpectralNormalization:spectral_normalization', 'Conv2D:conv2d', 'ConvLayer:conv_layer_1', 'SpectralNormalization:spectral_normalization_1', 'Conv2D:conv2d_1', 'ConvLayer:conv_layer_2', 'SpectralNormalization:spectral_normalization_2', 'Conv2D:conv2d_2']
call 1 raised AttributeError: Exception encountered when calling SpectralNormalization.call().
Own probe (/tmp/mine29/a_probe8.py): the underlying error is
"AttributeError: property 'kernel' of 'Conv2D' object has no setter", raised at
`self.layer.kernel = self.w / sigma` in _compute_weights (inputs (2, 10, 10, 3) after the reflection
pad); the wrapped layer's kernel is still the Variable, so no forward pass of any SN block succeeds."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Wrapper


# ---------------------------------------------------------------- tf2/spectral_norm.py
# ref: https://medium.com/@FloydHsiu0618/spectral-normalization-implementation-of-tensorflow-2-0-keras-api-d9060d26de77
class SpectralNormalization(Wrapper):
    """
    Attributes:
       layer: tensorflow keras layers (with kernel attribute)
    """

    def __init__(self, layer, **kwargs):
        super(SpectralNormalization, self).__init__(layer, **kwargs)

    def build(self, input_shape):
        """Build `Layer`"""

        if not self.layer.built:
            self.layer.build(input_shape)

            if not hasattr(self.layer, 'kernel'):
                raise ValueError(
                    '`SpectralNormalization` must wrap a layer that'
                    ' contains a `kernel` for weights')

            self.w = self.layer.kernel
            self.w_shape = self.w.shape.as_list() if hasattr(self.w.shape, "as_list") else list(self.w.shape)
            self.u = self.add_weight(
                shape=tuple([1, self.w_shape[-1]]),
                initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                name='sn_u',
                trainable=False,
                dtype=tf.float32)

        super(SpectralNormalization, self).build()

    @tf.function
    def call(self, inputs):
        """Call `Layer`"""
        # Recompute weights for each forward pass
        self._compute_weights()
        output = self.layer(inputs)
        return output

    def _compute_weights(self):
        """Generate normalized weights.
        This method will update the value of self.layer.kernel with the
        normalized value, so that the layer is ready for call().
        """
        w_reshaped = tf.reshape(self.w, [-1, self.w_shape[-1]])
        eps = 1e-12
        _u = tf.identity(self.u)
        _v = tf.matmul(_u, tf.transpose(w_reshaped))
        _v = _v / tf.maximum(tf.reduce_sum(_v**2)**0.5, eps)
        _u = tf.matmul(_v, w_reshaped)
        _u = _u / tf.maximum(tf.reduce_sum(_u**2)**0.5, eps)

        self.u.assign(_u)
        sigma = tf.matmul(tf.matmul(_v, w_reshaped), tf.transpose(_u))

        self.layer.kernel = self.w / sigma

    def compute_output_shape(self, input_shape):
        return tf.TensorShape(
            self.layer.compute_output_shape(input_shape).as_list())


# ---------------------------------------------------------------- tf2/components.py
class ConvLayer(keras.layers.Layer):

    def __init__(self, out_channels, kernel_size, stride, padding=None, data_format="channels_last"):
        super().__init__()
        self.data_format = data_format
        self.kernel_size = kernel_size
        self.padding = padding
        self.conv2d = SpectralNormalization(
            keras.layers.Conv2D(filters=out_channels,
                                kernel_size=kernel_size,
                                strides=stride,
                                kernel_initializer="truncated_normal",#weights_init,
                                data_format=data_format
                                ))

    def call(self, x):
        out = self.reflection_pad(x)
        out = self.conv2d(out)
        return out

    def reflection_pad(self, x):
        """
        paddings must be less than the dimension size
        """
        if self.data_format == "channels_first":
            d_C, d_H, d_W = 1,2,3
        elif self.data_format == "channels_last":
            d_C, d_H, d_W = 3,1,2

        B, C, H, W = x.shape[0], x.shape[d_C], x.shape[d_H], x.shape[d_W]
        if H == 1 or W == 1:
            return x

        if self.padding is None:
            padding = self.kernel_size // 2 # "same" padding
        else:
            padding = self.padding

        if padding==0 or (not padding<H) or (not padding<W):
            return x

        padding_list = [[0,0]]*4
        padding_list[d_H] = [padding, padding]
        padding_list[d_W] = [padding, padding]
        paddings = tf.constant(padding_list)
        return tf.pad(x, paddings, "REFLECT")


class ResidualBlockDown(keras.layers.Layer):
    def __init__(self, out_channels, kernel_size=3, stride=1, padding=None):
        super().__init__()

        # Right Side
        self.conv_r1 = ConvLayer(out_channels, kernel_size, stride, padding)
        self.conv_r2 = ConvLayer(out_channels, kernel_size, stride, padding)

        # Left Side
        self.conv_l = ConvLayer(out_channels, 1, 1)

    def call(self, x):
        residual = x

        # Right Side
        out = tf.nn.relu(x)
        out = self.conv_r1(out)
        out = tf.nn.relu(out)
        out = self.conv_r2(out)
        out = tf.nn.max_pool2d(out, 2, 2, 'VALID')

        # Left Side
        residual = self.conv_l(residual)
        residual = tf.nn.max_pool2d(residual, 2, 2, 'VALID')

        # Merge
        out = residual + out
        return out


def build_model():
    block = ResidualBlockDown(4)
    batch = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    return block, batch
