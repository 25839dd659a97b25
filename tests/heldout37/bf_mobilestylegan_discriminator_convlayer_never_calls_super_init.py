"""A StyleGAN discriminator `ConvLayer(keras.Model)` never calls `super().__init__()`: it half-constructs, has no name or `built`, and Keras raises on its first call.

From Harrypotterrrr/MobileStyleGAN (`models/discriminator.py`), the TensorFlow 2 port in progress of
MobileStyleGAN's PyTorch discriminator. `ConvLayer.__init__` starts with `self.layer_list =
keras.Sequential()` and goes on adding an optional `Blur`, a `LinearTransform2d` and a `FusedLeakyReLU`,
but the PyTorch original's `super().__init__(*layers)` line was dropped in the port, so the Keras base
class is never initialised. `ResBlock` and `Discriminator` (which do call `super().__init__()`) build
every convolution through `ConvLayer`, so the discriminator cannot be constructed at all. The catalog's
LD013, never-called variant. On Keras 3 the constructor itself runs (the Sequential and its two sublayers
are even attached), but the object has no `name`, `built` or `_trainable`, so `count_params()` and
`trainable_weights` raise AttributeError and the first call raises Keras's RuntimeError "you forgot to call
`super().__init__()`".

Porting edits: `tensorflow.keras` is `keras`. `LinearTransform2d` (from `models/modules/utils.py`) and
`FusedLeakyReLU` (from `models/modules/fused_leakyReLU.py`) are copied in as written at the same commit;
`Blur` (only used with `downsample=True`, and itself still a PyTorch leftover calling `register_buffer`)
is left out (`downsample=False` here). build_model() returns `ConvLayer(3, 16, 3)`, the first layer of
the discriminator's `conv_seq` with `channels_in=3`, with a (2, 8, 8, 3) image batch: the crash comes at
the call, as the user saw it when running the discriminator.
"""

SOURCE = "https://github.com/Harrypotterrrr/MobileStyleGAN/blob/b28d99f995daf4bce1b37904330e161828c11ac2/models/discriminator.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bf_mobilestylegan_discriminator_convlayer_never_calls_super_init.py:
as returned: ConvLayer, count_params() = count_params() raised AttributeError, 0 weights, unbuilt: ['Sequential:sequential', 'FusedLeakyReLU:fused_leaky_re_lu', 'LinearTransform2d:linear_transform2d']
call 1 raised RuntimeError: In layer 'ConvLayer', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!
probe (probe_convlayer.py): count_params() raised AttributeError 'ConvLayer' object has no attribute 'built'; weights -> 0;
trainable_weights raised AttributeError 'ConvLayer' object has no attribute '_trainable'; name raised AttributeError;
layer(x) raised RuntimeError In layer 'ConvLayer', you forgot to call `super().__init__()` as the first statement in the
`__init__()` method. Go add it!; layer.layer_list.layers -> ['LinearTransform2d', 'FusedLeakyReLU']."""

import math

import tensorflow as tf
import keras

from tensorflow import nn


class LinearTransform2d(keras.Model):

    def __init__(
            self,
            in_ch,
            out_ch,
            kernel_size,
            stride = 1,
            padding =0,
            bias = True,
    ):
        super(LinearTransform2d, self).__init__()

        self.stride = stride
        self.padding = padding

        self.scale = (1 / math.sqrt(in_ch * kernel_size ** 2))
        self.weight = tf.Variable(tf.random.normal([in_ch, out_ch]))
        self.weight = self.weight * self.scale

        if bias:
            self.bias = tf.Variable(tf.zeros([out_ch], dtype=tf.float32))
        else:
            self.bias = 0.0

    def call(self, style):
        out = nn.conv2d(style, self.weight, bias=self.bias, strides=self.stride, padding=self.padding)
        return out


class FusedLeakyReLU(keras.Model):
    def __init__(
            self,
            channel,
            negative_slope=0.2,
            scale=2 ** 0.5,
    ):
        super().__init__()
        self.bias = tf.Variable(tf.zeros(channel))
        self.negative_slope = negative_slope
        self.scale = scale

    def call(self, input):
        # TODO: CUDA
        return nn.leaky_relu(input, 0.2)


class ConvLayer(keras.Model):

    def __init__(
        self,
        in_channel,
        out_channel,
        kernel_size,
        downsample = False,
        blur_kernel = [1, 3, 3, 1],
        bias=True,
        activate=True,
    ):
        self.layer_list = keras.Sequential()

        if downsample:
            factor = 2
            p = (len(blur_kernel) - factor) + (kernel_size - 1)
            pad0 = (p + 1) // 2
            pad1 = p // 2

            self.layer_list.add(Blur(blur_kernel, pad=(pad0, pad1)))  # noqa: F821 (not copied, see docstring)

            stride = 2
            self.padding = 0

        else:
            stride = 1
            self.padding = kernel_size // 2

        self.layer_list.add(
            LinearTransform2d(
                in_channel,
                out_channel,
                kernel_size,
                padding=self.padding,
                stride=stride,
                bias=bias and not activate,
            )
        )

        if activate:
            if bias:
                self.layer_list.add(FusedLeakyReLU(out_channel))

            else:
                pass

    def call(self, x):
        out = self.layer_list(x)
        return out


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    import numpy as np
    return ConvLayer(3, 16, 3), np.ones((2, 8, 8, 3), dtype="float32")
