"""NVIDIA's TF2 nnU-Net keeps its two deep-supervision output heads in a plain list attribute created under
`if self.deep_supervision:` and calls them only when `training and self.deep_supervision`; every block comes from
helper factories (`get_conv_block`, `get_block_list`): all tracked, built and trained in a training call (look-alike).

From NVIDIA/DeepLearningExamples, `TensorFlow2/Segmentation/nnUNet/models/unet.py` (with `models/layers.py`).
`UNet(tf.keras.Model).__init__` builds `input_block`, `downsamples` and `upsamples` (Python lists returned by
`get_block_list`, which names its local list `layers`, shadowing the module), a `bottleneck`, an `output_block`
and, for deep supervision, `self.deep_supervision_heads = [self.get_output_block(), self.get_output_block()]`.
`call(x, training=True)` runs the heads on the two coarser decoder outputs only in training. A naive checker
sees layers held in lists made by helpers (LD011-looking), sublayers created in a conditional and called in a
conditional (LD005-looking) and a `ConvBlock` that pops `input_shape` from the kwargs it forwards. Keras 3
tracks the lists; a training-mode call builds and trains both heads.
Doubt kept as decided: a model first called only with `training=False` would leave the heads unbuilt (Keras
would count them as 0 and warn); the repository trains with the default `training=True`, as build_model() does.

Porting edits: `tensorflow_addons` is gone, so `get_norm`'s group/instance branches use
`tf.keras.layers.GroupNormalization` (the case uses "batch" normalisation, which needs no port);
`LeakyReLU(alpha=...)` -> `LeakyReLU(negative_slope=...)`; `input_shape=` is not forwarded to the first Conv2D
(Keras 3 layers reject it outside Input/Sequential). Otherwise unet.py and layers.py are as written.
build_model() makes a 2D UNet(input_shape=(32, 32, 1), n_class=2, kernels=[[3, 3]]*4, strides=[[1, 1]] +
[[2, 2]]*3, normalization_layer="batch", negative_slope=0.01, dimension=2, deep_supervision=True) and calls it
once eagerly in training mode, as the repository's training step does.
"""

SOURCE = "https://github.com/NVIDIA/DeepLearningExamples/blob/a8107731b2cc21ea54ca882ec7598885c96dab8f/TensorFlow2/Segmentation/nnUNet/models/unet.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/okbp_nvidia_nnunet_tf2_deep_supervision_heads_in_list_used_only_when_training.py:
as returned: UNet, count_params() = 1929670, 82 weights, unbuilt: none
after call: count_params() = 1929670, 54 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 54 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv_block': 9760, ..., 'output_block': 66, 'output_block_1': 130, 'output_block_2': 258}
second call: 0 variables watched that the first call did not use
probe (probe_nnunet.py): after the training call both heads are built and their kernels get gradients from a loss
summing the three outputs ("head kernel grads None: [False, False]"); a fresh model first called with
training=False leaves them unbuilt ("heads built [False, False] weights 78 vs 82"), the doubt noted above."""

import numpy as np
import tensorflow as tf

# ---- models/layers.py ----
convolutions = {
    "Conv2d": tf.keras.layers.Conv2D,
    "Conv3d": tf.keras.layers.Conv3D,
    "ConvTranspose2d": tf.keras.layers.Conv2DTranspose,
    "ConvTranspose3d": tf.keras.layers.Conv3DTranspose,
}


class KaimingNormal(tf.keras.initializers.VarianceScaling):
    def __init__(self, negative_slope, seed=None):
        super().__init__(
            scale=2.0 / (1 + negative_slope ** 2), mode="fan_in", distribution="untruncated_normal", seed=seed
        )

    def get_config(self):
        return {"seed": self.seed}


def get_norm(name):
    if "group" in name:
        return tf.keras.layers.GroupNormalization(32, axis=-1, center=True, scale=True)
    elif "batch" in name:
        return tf.keras.layers.BatchNormalization(axis=-1, center=True, scale=True)
    elif "instance" in name:
        return tf.keras.layers.GroupNormalization(-1, axis=-1, center=True, scale=True)
    elif "none" in name:
        return tf.identity
    else:
        raise ValueError("Invalid normalization layer")


def extract_args(kwargs):
    args = {}
    return args


def get_conv(filters, kernel_size, stride, dim, use_bias=False, **kwargs):
    conv = convolutions[f"Conv{dim}d"]
    return conv(
        filters=filters,
        kernel_size=kernel_size,
        strides=stride,
        padding="same",
        use_bias=use_bias,
        kernel_initializer=KaimingNormal(kwargs["negative_slope"]),
        data_format="channels_last",
        **extract_args(kwargs),
    )


def get_transp_conv(filters, kernel_size, stride, dim, **kwargs):
    conv = convolutions[f"ConvTranspose{dim}d"]
    return conv(
        filters=filters,
        kernel_size=kernel_size,
        strides=stride,
        padding="same",
        use_bias=True,
        data_format="channels_last",
        **extract_args(kwargs),
    )


class ConvLayer(tf.keras.layers.Layer):
    def __init__(self, filters, kernel_size, stride, **kwargs):
        super().__init__()
        self.conv = get_conv(filters, kernel_size, stride, **kwargs)
        self.norm = get_norm(kwargs["norm"])
        self.lrelu = tf.keras.layers.LeakyReLU(negative_slope=kwargs["negative_slope"])

    def call(self, data):
        out = self.conv(data)
        out = self.norm(out)
        out = self.lrelu(out)
        return out


class ConvBlock(tf.keras.layers.Layer):
    def __init__(self, filters, kernel_size, stride, **kwargs):
        super().__init__()
        self.conv1 = ConvLayer(filters, kernel_size, stride, **kwargs)
        kwargs.pop("input_shape", None)
        self.conv2 = ConvLayer(filters, kernel_size, 1, **kwargs)

    def call(self, input_data):
        out = self.conv1(input_data)
        out = self.conv2(out)
        return out


class UpsampleBlock(tf.keras.layers.Layer):
    def __init__(self, filters, kernel_size, stride, **kwargs):
        super().__init__()
        self.transp_conv = get_transp_conv(filters, stride, stride, **kwargs)
        self.conv_block = ConvBlock(filters, kernel_size, 1, **kwargs)

    def call(self, input_data, skip_data):
        out = self.transp_conv(input_data)
        out = tf.concat((out, skip_data), axis=-1)
        out = self.conv_block(out)
        return out


class OutputBlock(tf.keras.layers.Layer):
    def __init__(self, filters, dim, negative_slope):
        super().__init__()
        self.conv = get_conv(
            filters,
            kernel_size=1,
            stride=1,
            dim=dim,
            use_bias=True,
            negative_slope=negative_slope,
        )

    def call(self, data):
        return self.conv(data)


class _LayersModule:
    ConvBlock = ConvBlock
    UpsampleBlock = UpsampleBlock
    OutputBlock = OutputBlock


layers = _LayersModule  # stands for `from models import layers`


# ---- models/unet.py ----
class UNet(tf.keras.Model):
    def __init__(
        self,
        input_shape,
        n_class,
        kernels,
        strides,
        normalization_layer,
        negative_slope,
        dimension,
        deep_supervision,
    ):
        super().__init__()
        self.dim = dimension
        self.n_class = n_class
        self.negative_slope = negative_slope
        self.norm = normalization_layer
        self.deep_supervision = deep_supervision
        filters = [min(2 ** (5 + i), 320 if dimension == 3 else 512) for i in range(len(strides))]
        self.filters = filters
        self.kernels = kernels
        self.strides = strides

        down_block = layers.ConvBlock
        self.input_block = self.get_conv_block(
            conv_block=down_block,
            filters=filters[0],
            kernel_size=kernels[0],
            stride=strides[0],
            input_shape=input_shape,
        )
        self.downsamples = self.get_block_list(
            conv_block=down_block, filters=filters[1:], kernels=kernels[1:-1], strides=strides[1:-1]
        )
        self.bottleneck = self.get_conv_block(
            conv_block=down_block, filters=filters[-1], kernel_size=kernels[-1], stride=strides[-1]
        )
        self.upsamples = self.get_block_list(
            conv_block=layers.UpsampleBlock,
            filters=filters[:-1][::-1],
            kernels=kernels[1:][::-1],
            strides=strides[1:][::-1],
        )
        self.output_block = self.get_output_block()
        if self.deep_supervision:
            self.deep_supervision_heads = [self.get_output_block(), self.get_output_block()]
        self.n_layers = len(self.upsamples) - 1

    def call(self, x, training=True):
        skip_connections = []
        out = self.input_block(x)
        skip_connections.append(out)

        for down_block in self.downsamples:
            out = down_block(out)
            skip_connections.append(out)

        out = self.bottleneck(out)

        decoder_outputs = []
        for up_block in self.upsamples:
            out = up_block(out, skip_connections.pop())
            decoder_outputs.append(out)

        out = self.output_block(out)

        if training and self.deep_supervision:
            out = [
                out,
                self.deep_supervision_heads[0](decoder_outputs[-2]),
                self.deep_supervision_heads[1](decoder_outputs[-3]),
            ]
        return out

    def get_output_block(self):
        return layers.OutputBlock(filters=self.n_class, dim=self.dim, negative_slope=self.negative_slope)

    def get_conv_block(self, conv_block, filters, kernel_size, stride, **kwargs):
        return conv_block(
            dim=self.dim,
            stride=stride,
            norm=self.norm,
            kernel_size=kernel_size,
            filters=filters,
            negative_slope=self.negative_slope,
            **kwargs,
        )

    def get_block_list(self, conv_block, filters, kernels, strides):
        layers = []
        for filter, kernel, stride in zip(filters, kernels, strides):
            conv_layer = self.get_conv_block(conv_block, filter, kernel, stride)
            layers.append(conv_layer)
        return layers


def build_model():
    model = UNet(
        input_shape=(32, 32, 1),
        n_class=2,
        kernels=[[3, 3]] * 4,
        strides=[[1, 1]] + [[2, 2]] * 3,
        normalization_layer="batch",
        negative_slope=0.01,
        dimension=2,
        deep_supervision=True,
    )
    x = np.random.default_rng(0).random((2, 32, 32, 1)).astype("float32")
    model(x, training=True)
    return model, x
