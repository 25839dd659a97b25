"""keras_segmentation's PSPNet factory wires layers made inside helper functions (`pool_block`, called in a loop), upsamples through a `Lambda` whose closure holds the scale factors and data format, and builds throwaway `Model`s to read shapes: no state escapes, every Conv/BN is in the returned model and trains.

From divamgupta/image-segmentation-keras (PyPI `keras-segmentation`), `keras_segmentation/models/pspnet.py` with
`resize_image` / `get_segmentation_model` from `model_utils.py` and `vanilla_encoder` from `basic_models.py`. A naive
checker sees: a `Lambda` closing over variables from the enclosing function (`s`, `data_format`; LD012's shape), new
Conv2D/BatchNormalization layers instantiated on every call of a helper (LD002's shape), and two extra
`Model(img_input, o)` objects created only to read `output_shape` / `input_shape`. On Keras 3 the Lambda captures
plain Python numbers and a string, not variables or layers; the helper layers are wired into the functional graph
the moment they are called, so the returned Model tracks all of them; the throwaway Models share those same layers
and own nothing.

Porting edits: `K.resize_images(..., interpolation='bilinear')` (gone from Keras 3's backend) becomes
`keras.ops.image.resize` to the same `factor * size`, still inside the same closure (the original's except branch,
a TF1 `tf.image.resize_images` fallback, is dropped); `K.int_shape(x)` -> `x.shape`; `Model(...).output_shape` /
`.input_shape` -> the KerasTensors' `.shape` (Keras 3 Functional has no `output_shape`); the `MethodType`
attachments of the library's train/predict helpers (not part of the network) are left out; IMAGE_ORDERING is
'channels_last' as in `config.py`. build_model() is `pspnet(n_classes=3, input_height=192, input_width=192)`
(the smallest size the assertion allows).
"""

SOURCE = "https://github.com/divamgupta/image-segmentation-keras/blob/d66b95e3cc35db8f62b963bbf18eeb94b66b3a5f/keras_segmentation/models/pspnet.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bk/okbk_divamgupta_kerassegmentation_pspnet_resize_lambda_closes_over_factors_layers_made_in_helpers.py:
as returned: Functional, count_params() = 3282819, 57 weights, unbuilt: none
after call: count_params() = 3282819, 37 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 37 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(57 weights = 37 trainable + 20 BatchNormalization moving statistics.)"""

import numpy as np
import keras
from keras.models import Model
from keras.layers import (Input, ZeroPadding2D, Conv2D, BatchNormalization, Activation, MaxPooling2D,
                          AveragePooling2D, Concatenate, Lambda, Reshape, Permute)

IMAGE_ORDERING = 'channels_last'

if IMAGE_ORDERING == 'channels_first':
    MERGE_AXIS = 1
elif IMAGE_ORDERING == 'channels_last':
    MERGE_AXIS = -1


def resize_image(inp, s, data_format):
    return Lambda(lambda x: keras.ops.image.resize(x,
                                                   (x.shape[1] * s[0], x.shape[2] * s[1]),
                                                   interpolation='bilinear',
                                                   data_format=data_format))(inp)


def get_segmentation_model(input, output):

    img_input = input
    o = output

    o_shape = Model(img_input, o).outputs[0].shape
    i_shape = Model(img_input, o).inputs[0].shape

    if IMAGE_ORDERING == 'channels_first':
        output_height = o_shape[2]
        output_width = o_shape[3]
        input_height = i_shape[2]
        input_width = i_shape[3]
        n_classes = o_shape[1]
        o = (Reshape((-1, output_height*output_width)))(o)
        o = (Permute((2, 1)))(o)
    elif IMAGE_ORDERING == 'channels_last':
        output_height = o_shape[1]
        output_width = o_shape[2]
        input_height = i_shape[1]
        input_width = i_shape[2]
        n_classes = o_shape[3]
        o = (Reshape((output_height*output_width, -1)))(o)

    o = (Activation('softmax'))(o)
    model = Model(img_input, o)
    model.output_width = output_width
    model.output_height = output_height
    model.n_classes = n_classes
    model.input_height = input_height
    model.input_width = input_width
    model.model_name = ""
    return model


def vanilla_encoder(input_height=224,  input_width=224):

    kernel = 3
    filter_size = 64
    pad = 1
    pool_size = 2

    if IMAGE_ORDERING == 'channels_first':
        img_input = Input(shape=(3, input_height, input_width))
    elif IMAGE_ORDERING == 'channels_last':
        img_input = Input(shape=(input_height, input_width, 3))

    x = img_input
    levels = []

    x = (ZeroPadding2D((pad, pad), data_format=IMAGE_ORDERING))(x)
    x = (Conv2D(filter_size, (kernel, kernel),
                data_format=IMAGE_ORDERING, padding='valid'))(x)
    x = (BatchNormalization())(x)
    x = (Activation('relu'))(x)
    x = (MaxPooling2D((pool_size, pool_size), data_format=IMAGE_ORDERING))(x)
    levels.append(x)

    x = (ZeroPadding2D((pad, pad), data_format=IMAGE_ORDERING))(x)
    x = (Conv2D(128, (kernel, kernel), data_format=IMAGE_ORDERING,
         padding='valid'))(x)
    x = (BatchNormalization())(x)
    x = (Activation('relu'))(x)
    x = (MaxPooling2D((pool_size, pool_size), data_format=IMAGE_ORDERING))(x)
    levels.append(x)

    for _ in range(3):
        x = (ZeroPadding2D((pad, pad), data_format=IMAGE_ORDERING))(x)
        x = (Conv2D(256, (kernel, kernel),
                    data_format=IMAGE_ORDERING, padding='valid'))(x)
        x = (BatchNormalization())(x)
        x = (Activation('relu'))(x)
        x = (MaxPooling2D((pool_size, pool_size),
             data_format=IMAGE_ORDERING))(x)
        levels.append(x)

    return img_input, levels


def pool_block(feats, pool_factor):

    if IMAGE_ORDERING == 'channels_first':
        h = feats.shape[2]
        w = feats.shape[3]
    elif IMAGE_ORDERING == 'channels_last':
        h = feats.shape[1]
        w = feats.shape[2]

    pool_size = strides = [
        int(np.round(float(h) / pool_factor)),
        int(np.round(float(w) / pool_factor))]

    x = AveragePooling2D(pool_size, data_format=IMAGE_ORDERING,
                         strides=strides, padding='same')(feats)
    x = Conv2D(512, (1, 1), data_format=IMAGE_ORDERING,
               padding='same', use_bias=False)(x)
    x = BatchNormalization()(x)
    x = Activation('relu')(x)

    x = resize_image(x, strides, data_format=IMAGE_ORDERING)

    return x


def _pspnet(n_classes, encoder,  input_height=384, input_width=576):

    assert input_height % 192 == 0
    assert input_width % 192 == 0

    img_input, levels = encoder(
        input_height=input_height,  input_width=input_width)
    [f1, f2, f3, f4, f5] = levels

    o = f5

    pool_factors = [1, 2, 3, 6]
    pool_outs = [o]

    for p in pool_factors:
        pooled = pool_block(o, p)
        pool_outs.append(pooled)

    o = Concatenate(axis=MERGE_AXIS)(pool_outs)

    o = Conv2D(512, (1, 1), data_format=IMAGE_ORDERING, use_bias=False)(o)
    o = BatchNormalization()(o)
    o = Activation('relu')(o)

    o = Conv2D(n_classes, (3, 3), data_format=IMAGE_ORDERING,
               padding='same')(o)
    o = resize_image(o, (8, 8), data_format=IMAGE_ORDERING)

    model = get_segmentation_model(img_input, o)
    return model


def pspnet(n_classes,  input_height=384, input_width=576):

    model = _pspnet(n_classes, vanilla_encoder,
                    input_height=input_height, input_width=input_width)
    model.model_name = "pspnet"
    return model


def build_model():
    return pspnet(n_classes=3, input_height=192, input_width=192)
