"""robinvvinod/unet builds its attention U-Net from helper functions that create fresh layers on every call, and
expands the attention map with `Lambda(lambda x, repnum: repeat_elements(x, repnum, axis=3), arguments={'repnum': rep})`:
no captured state, every Conv2D/BatchNormalization tracked and trained (look-alike).

From robinvvinod/unet (a 2D/3D U-Net toolkit for medical segmentation), `layers2D.py`: `conv2d_block`,
`residual_block`, `transpose_block`, `UnetGatingSignal` and `AttnGatingBlock(x, g, inter_shape)` each make their
Conv2D/BatchNormalization/LeakyReLU layers inline and wire them functionally; `expend_as(tensor, rep)` wraps the
channel repetition in a Lambda whose only outside value (`rep`, an int) is passed through `arguments=`. A naive
checker sees a Lambda layer built inside a helper from a value defined outside it (LD012-looking), the same
helper called several times (LD007-looking: each call makes new layers, nothing is shared), and `inter_shape`
filter counts passed by hand. On Keras 3 all weights belong to functional nodes and are counted and trained.

Porting edits: Keras 3 import paths (`keras.layers.core`/`.convolutional`/`.merge` -> `keras.layers`);
`K.repeat_elements` -> `keras.ops.repeat` and `K.int_shape(t)` -> `tuple(t.shape)` (Keras 3's `keras.backend`
has neither); `alpha` (from the repository's hyperparameters.py) set to 0.1 here, passed as
`LeakyReLU(negative_slope=alpha)`. build_model() wires one attention stage the way the repository's 2D U-Net does:
Input(32, 32, 1) -> conv2d_block(16) -> MaxPooling -> residual_block(32) -> UnetGatingSignal -> AttnGatingBlock
on the 32x32 skip -> transpose_block -> 1x1 sigmoid head.
"""

SOURCE = "https://github.com/robinvvinod/unet/blob/0636b166c06d37408fd9890c506ef52f5db84d11/layers2D.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/okbp_robinvvinod_unet_attngatingblock_expend_as_lambda_with_arguments_helpers_make_layers.py:
as returned: Functional, count_params() = 28882, 56 weights, unbuilt: none
after call: count_params() = 28882, 40 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 40 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(no warning or exception printed; the Lambda holds no weights and none are missed)"""

import keras
from keras import ops
from keras.layers import BatchNormalization, Activation, Add, UpSampling2D, Concatenate, LeakyReLU
from keras.layers import Lambda
from keras.layers import Conv2D, Conv2DTranspose
from keras.layers import add, multiply, concatenate

alpha = 0.1


def conv2d_block(input_tensor, n_filters, kernel_size=3, batchnorm=True, strides=1, dilation_rate=1, recurrent=1):

    # A wrapper of the Keras Conv2D block to serve as a building block for downsampling layers
    # Includes options to use batch normalization, dilation and recurrence

    conv = Conv2D(filters=n_filters, kernel_size=kernel_size, strides=strides, kernel_initializer="he_normal", padding="same", dilation_rate=dilation_rate)(input_tensor)
    if batchnorm:
        conv = BatchNormalization()(conv)
    output = LeakyReLU(negative_slope=alpha)(conv)

    for _ in range(recurrent - 1):
        conv = Conv2D(filters=n_filters, kernel_size=kernel_size, strides=1, kernel_initializer="he_normal", padding="same", dilation_rate=dilation_rate)(output)
        if batchnorm:
            conv = BatchNormalization()(conv)
        res = LeakyReLU(negative_slope=alpha)(conv)
        output = Add()([output, res])

    return output


def residual_block(input_tensor, n_filters, kernel_size=3, strides=1, batchnorm=True, recurrent=1, dilation_rate=1):

    # A residual block based on the ResNet architecture incorporating use of short-skip connections
    # Uses two successive convolution layers by default

    res = conv2d_block(input_tensor, n_filters=n_filters, kernel_size=kernel_size, strides=strides, batchnorm=batchnorm, dilation_rate=dilation_rate, recurrent=recurrent)
    res = conv2d_block(res, n_filters=n_filters, kernel_size=kernel_size, strides=1, batchnorm=batchnorm, dilation_rate=dilation_rate, recurrent=recurrent)

    shortcut = conv2d_block(input_tensor, n_filters=n_filters, kernel_size=1, strides=strides, batchnorm=batchnorm, dilation_rate=1)
    if batchnorm:
        shortcut = BatchNormalization()(shortcut)

    output = Add()([shortcut, res])
    return output


def transpose_block(input_tensor, skip_tensor, n_filters, kernel_size=3, strides=1):

    # A wrapper of the Keras Conv2DTranspose block to serve as a building block for upsampling layers

    shape_x = tuple(input_tensor.shape)
    shape_xskip = tuple(skip_tensor.shape)

    conv = Conv2DTranspose(filters=n_filters, kernel_size=kernel_size, padding='same', strides=(shape_xskip[1] // shape_x[1], shape_xskip[2] // shape_x[2]), kernel_initializer="he_normal")(input_tensor)
    act = LeakyReLU(negative_slope=alpha)(conv)
    output = Concatenate(axis=3)([act, skip_tensor])
    return output


def expend_as(tensor, rep):

    # Anonymous lambda function to expand the specified axis by a factor of argument, rep.
    # If tensor has shape (512,512,N), lambda will return a tensor of shape (512,512,N*rep), if specified axis=2

    my_repeat = Lambda(lambda x, repnum: ops.repeat(x, repnum, axis=3), arguments={'repnum': rep})(tensor)
    return my_repeat


def AttnGatingBlock(x, g, inter_shape):

    shape_x = tuple(x.shape)
    shape_g = tuple(g.shape)

    # Getting the gating signal to the same number of filters as the inter_shape
    phi_g = Conv2D(filters=inter_shape, kernel_size=1, strides=1, padding='same')(g)

    # Getting the x signal to the same shape as the gating signal
    theta_x = Conv2D(filters=inter_shape, kernel_size=3, strides=(shape_x[1] // shape_g[1], shape_x[2] // shape_g[2]), padding='same')(x)

    # Element-wise addition of the gating and x signals
    add_xg = add([phi_g, theta_x])
    add_xg = Activation('relu')(add_xg)

    # 1x1x1 convolution
    psi = Conv2D(filters=1, kernel_size=1, padding='same')(add_xg)
    psi = Activation('sigmoid')(psi)
    shape_sigmoid = tuple(psi.shape)

    # Upsampling psi back to the original dimensions of x signal
    upsample_sigmoid_xg = UpSampling2D(size=(shape_x[1] // shape_sigmoid[1], shape_x[2] // shape_sigmoid[2]))(psi)

    # Expanding the filter axis to the number of filters in the original x signal
    upsample_sigmoid_xg = expend_as(upsample_sigmoid_xg, shape_x[3])

    # Element-wise multiplication of attention coefficients back onto original x signal
    attn_coefficients = multiply([upsample_sigmoid_xg, x])

    # Final 1x1x1 convolution to consolidate attention signal to original x dimensions
    output = Conv2D(filters=shape_x[3], kernel_size=1, strides=1, padding='same')(attn_coefficients)
    output = BatchNormalization()(output)
    return output


def UnetGatingSignal(input_tensor, batchnorm=True):

    # 1x1x1 convolution to consolidate gating signal into the required dimensions

    shape = tuple(input_tensor.shape)
    conv = Conv2D(filters=shape[3], kernel_size=1, strides=1, padding="same", kernel_initializer="he_normal")(input_tensor)
    if batchnorm:
        conv = BatchNormalization()(conv)
    output = LeakyReLU(negative_slope=alpha)(conv)
    return output


def build_model():
    inputs = keras.Input(shape=(32, 32, 1))
    c1 = conv2d_block(inputs, 16)
    p1 = keras.layers.MaxPooling2D((2, 2))(c1)
    c2 = residual_block(p1, 32)
    gating = UnetGatingSignal(c2)
    attn = AttnGatingBlock(c1, gating, 16)
    u1 = transpose_block(c2, attn, 16)
    u1 = conv2d_block(u1, 16)
    outputs = Conv2D(1, 1, activation="sigmoid")(u1)
    return keras.Model(inputs, outputs)
