"""The CycleGAN of "Generative Deep Learning" (David Foster, 1st edition code) pads with a custom
`ReflectionPadding2D` layer that sets `self.input_spec = [InputSpec(ndim=4)]` before calling
`super().__init__(**kwargs)` (LD013). Keras 3's `Layer.__init__` resets `_input_spec` to None, so the rank check the
layer declares is silently dropped: the padding accepts tensors of any rank, and an image passed without its batch
axis, (H, W, C) instead of (N, H, W, C), is no longer refused with Keras' "expected ndim=4" message naming the layer
but fails inside `tf.pad` with an error about the shape of the paddings.

From davidADSP/GDL_code, `models/layers/layers.py` at 243a77f (the layer), used by `models/cycleGAN.py` of the same
commit: `CycleGAN.build_generator_resnet()` builds each generator from `conv7s1` (ReflectionPadding2D((3, 3)) + 7x7
valid conv), two stride-2 downsamples, nine residual blocks (each ReflectionPadding2D((1, 1)) + 3x3 valid conv, twice)
and two transposed-conv upsamples. The book trains it on apple/orange and Monet/photo images.

Porting edits: `keras_contrib`'s `InstanceNormalization(axis=-1, center=False, scale=False)` ->
`GroupNormalization(groups=-1, center=False, scale=False)` (Keras 3's instance norm); `tensorflow.keras.layers.merge.add`
-> `tensorflow.keras.layers.add`; `self.weight_init` / `self.img_shape` / `self.gen_n_filters` of the `CycleGAN` object
become arguments of `build_generator_resnet`. build_model() builds one generator (g_AB) for 32x32 RGB images with
8 base filters (the book uses 128x128 and 32 filters).
"""

SOURCE = "https://github.com/davidADSP/GDL_code/blob/243a77fe4cb1cf1802410a22be830652e0ed391a/models/layers/layers.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/cf_gdlcode_cyclegan_reflectionpadding2d_input_spec_before_super_reset.py:
as returned: Functional, count_params() = 180419, 48 weights, unbuilt: none
after call: count_params() = 180419, 48 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 48 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reflection_padding2d': 0, ... 'reflection_padding2d_19': 0} (20 padding layers, no weights)
second call: 0 variables watched that the first call did not use
(On the (N, H, W, C) input it was written for, the generator works.) probe_gdl.py: ReflectionPadding2D((3, 3)).input_spec is None right after __init__ (set before super().__init__(), reset by it); on an unbatched (32, 32, 3) image it raises InvalidArgumentError from MirrorPad: 'The first dimension of paddings must be the rank of inputs[4,2], [32,32,3]'; the same layer written with super().__init__() first raises ValueError "Input 0 ... of layer 'fixed' is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (32, 32, 3)". No warning printed."""

import numpy as np
import tensorflow as tf
import keras

from tensorflow.keras.layers import Layer, InputSpec
import keras.backend as K

from tensorflow.keras.layers import Input, Activation, Conv2D, Conv2DTranspose, GroupNormalization, add
from tensorflow.keras.models import Model
from tensorflow.keras.initializers import RandomNormal


class ReflectionPadding2D(Layer):
    def __init__(self, padding=(1, 1), **kwargs):
        self.padding = tuple(padding)
        self.input_spec = [InputSpec(ndim=4)]
        super(ReflectionPadding2D, self).__init__(**kwargs)

    def compute_output_shape(self, s):
        """ If you are using "channels_last" configuration"""
        return (s[0], s[1] + 2 * self.padding[0], s[2] + 2 * self.padding[1], s[3])

    def call(self, x, mask=None):
        w_pad,h_pad = self.padding
        return tf.pad(x, [[0,0], [h_pad,h_pad], [w_pad,w_pad], [0,0] ], 'REFLECT')


def InstanceNormalization(axis=-1, center=False, scale=False):
    return GroupNormalization(groups=-1, axis=axis, center=center, scale=scale)


def build_generator_resnet(img_shape, gen_n_filters, weight_init):

    def conv7s1(layer_input, filters, final):
        y = ReflectionPadding2D(padding =(3,3))(layer_input)
        y = Conv2D(filters, kernel_size=(7,7), strides=1, padding='valid', kernel_initializer = weight_init)(y)
        if final:
            y = Activation('tanh')(y)
        else:
            y = InstanceNormalization(axis = -1, center = False, scale = False)(y)
            y = Activation('relu')(y)
        return y

    def downsample(layer_input,filters):
        y = Conv2D(filters, kernel_size=(3,3), strides=2, padding='same', kernel_initializer = weight_init)(layer_input)
        y = InstanceNormalization(axis = -1, center = False, scale = False)(y)
        y = Activation('relu')(y)
        return y

    def residual(layer_input, filters):
        shortcut = layer_input
        y = ReflectionPadding2D(padding =(1,1))(layer_input)
        y = Conv2D(filters, kernel_size=(3, 3), strides=1, padding='valid', kernel_initializer = weight_init)(y)
        y = InstanceNormalization(axis = -1, center = False, scale = False)(y)
        y = Activation('relu')(y)
        
        y = ReflectionPadding2D(padding =(1,1))(y)
        y = Conv2D(filters, kernel_size=(3, 3), strides=1, padding='valid', kernel_initializer = weight_init)(y)
        y = InstanceNormalization(axis = -1, center = False, scale = False)(y)

        return add([shortcut, y])

    def upsample(layer_input,filters):
        y = Conv2DTranspose(filters, kernel_size=(3, 3), strides=2, padding='same', kernel_initializer = weight_init)(layer_input)
        y = InstanceNormalization(axis = -1, center = False, scale = False)(y)
        y = Activation('relu')(y)

        return y


    # Image input
    img = Input(shape=img_shape)

    y = img

    y = conv7s1(y, gen_n_filters, False)
    y = downsample(y, gen_n_filters * 2)
    y = downsample(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = residual(y, gen_n_filters * 4)
    y = upsample(y, gen_n_filters * 2)
    y = upsample(y, gen_n_filters)
    y = conv7s1(y, 3, True)
    output = y


    return Model(img, output)


def build_model():
    return build_generator_resnet((32, 32, 3), 8, RandomNormal(mean=0., stddev=0.02))
