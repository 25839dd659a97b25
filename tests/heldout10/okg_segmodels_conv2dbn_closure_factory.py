"""segmentation_models-style blocks: layers created inside closures returned by factory functions.

`Conv2dBn(...)` in segmentation_models returns a `wrapper(input_tensor)` closure that instantiates
`Conv2D` / `BatchNormalization` / `Activation` only when it is applied, and the U-Net decoder blocks are
built the same way (`DecoderUpsamplingX2Block(...)` returns a `layer(input_tensor, skip)` closure). Layers
held by closures look like untracked state, but here every closure is applied to symbolic tensors while the
functional model is wired, so all layers end up in the graph and in the model's weights. The backend /
layers / models submodules are injected through `get_submodules_from_kwargs` as in the library; a small
stand-in encoder replaces the pretrained backbone so nothing is downloaded.
"""

SOURCE = "https://github.com/qubvel/segmentation_models/blob/master/segmentation_models/models/_common_blocks.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okg_segmodels_conv2dbn_closure_factory.py:
as returned: Functional, count_params() = 18058, 37 weights, unbuilt: none
after call: count_params() = 18058, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras

_KERAS_MODULES = {"backend": keras.backend, "layers": keras.layers, "models": keras.models, "utils": keras.utils}


def get_submodules_from_kwargs(kwargs):
    backend = kwargs.get("backend", _KERAS_MODULES["backend"])
    layers = kwargs.get("layers", _KERAS_MODULES["layers"])
    models = kwargs.get("models", _KERAS_MODULES["models"])
    utils = kwargs.get("utils", _KERAS_MODULES["utils"])
    return backend, layers, models, utils


def Conv2dBn(filters, kernel_size, strides=(1, 1), padding="valid", data_format=None, dilation_rate=(1, 1),
             activation=None, kernel_initializer="glorot_uniform", bias_initializer="zeros",
             use_batchnorm=False, **kwargs):
    """Extension of Conv2D layer with batchnorm"""

    conv_name, act_name, bn_name = None, None, None
    block_name = kwargs.pop("name", None)
    backend, layers, models, keras_utils = get_submodules_from_kwargs(kwargs)

    if block_name is not None:
        conv_name = block_name + "_conv"
    if block_name is not None and activation is not None:
        act_str = activation.__name__ if callable(activation) else str(activation)
        act_name = block_name + "_" + act_str
    if block_name is not None and use_batchnorm:
        bn_name = block_name + "_bn"

    bn_axis = 3 if backend.image_data_format() == "channels_last" else 1

    def wrapper(input_tensor):
        x = layers.Conv2D(
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=None,
            use_bias=not use_batchnorm,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            name=conv_name,
        )(input_tensor)
        if use_batchnorm:
            x = layers.BatchNormalization(axis=bn_axis, name=bn_name)(x)
        if activation:
            x = layers.Activation(activation, name=act_name)(x)
        return x

    return wrapper


def Conv3x3BnReLU(filters, use_batchnorm, name=None):
    kwargs = dict(_KERAS_MODULES)

    def wrapper(input_tensor):
        return Conv2dBn(filters, kernel_size=3, activation="relu", kernel_initializer="he_uniform",
                        padding="same", use_batchnorm=use_batchnorm, name=name, **kwargs)(input_tensor)

    return wrapper


def DecoderUpsamplingX2Block(filters, stage, use_batchnorm=False):
    up_name = "decoder_stage{}_upsampling".format(stage)
    conv1_name = "decoder_stage{}a".format(stage)
    conv2_name = "decoder_stage{}b".format(stage)
    concat_name = "decoder_stage{}_concat".format(stage)
    layers = _KERAS_MODULES["layers"]

    def wrapper(input_tensor, skip=None):
        x = layers.UpSampling2D(size=2, name=up_name)(input_tensor)
        if skip is not None:
            x = layers.Concatenate(axis=-1, name=concat_name)([x, skip])
        x = Conv3x3BnReLU(filters, use_batchnorm, name=conv1_name)(x)
        x = Conv3x3BnReLU(filters, use_batchnorm, name=conv2_name)(x)
        return x

    return wrapper


def tiny_backbone(input_shape):
    layers = _KERAS_MODULES["layers"]
    inputs = layers.Input(shape=input_shape)
    x = Conv3x3BnReLU(8, True, name="enc1")(inputs)
    s1 = x
    x = layers.MaxPooling2D(name="enc1_pool")(x)
    x = Conv3x3BnReLU(16, True, name="enc2")(x)
    s2 = x
    x = layers.MaxPooling2D(name="enc2_pool")(x)
    x = Conv3x3BnReLU(32, True, name="enc3")(x)
    return inputs, x, [s2, s1]


def build_unet(input_shape=(32, 32, 3), classes=2, decoder_filters=(16, 8), use_batchnorm=True):
    inputs, x, skips = tiny_backbone(input_shape)
    for i, filters in enumerate(decoder_filters):
        skip = skips[i] if i < len(skips) else None
        x = DecoderUpsamplingX2Block(filters, stage=i, use_batchnorm=use_batchnorm)(x, skip)
    x = keras.layers.Conv2D(classes, 3, padding="same", kernel_initializer="glorot_uniform",
                            name="final_conv")(x)
    x = keras.layers.Activation("softmax", name="softmax")(x)
    return keras.models.Model(inputs, x)


def build_model():
    return build_unet()
