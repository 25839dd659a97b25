"""docTR's re-parameterised conv layer (FAST text detector, TensorFlow/Keras 3 path) creates an identity BatchNormalization that `call()` only uses when the vertical branch exists: for a (3, 1) kernel it is never built.

`RepConvLayer.__init__` makes the vertical branch only when the kernel is wider than 1
(`converted_ks[1] != 1`), the horizontal branch only when it is taller than 1, and an identity
`BatchNormalization` whenever `in_channels == out_channels and stride == 1`. `call()` then adds the
identity branch only `if self.rbr_identity is not None and self.ver_bn is not None`, so for the (3, 1)
kernels FAST stacks, the identity BN exists, is tracked, and is never called. The layer also forwards
`**kwargs` to every sublayer, so Keras 3 cannot trace `call()` to build it ("looks like it has unbuilt
state ... Exception encountered: got an unexpected keyword argument 'kwargs'"), the warning the docTR
users reported for `fast_base` on Keras 3. Eager calls then build everything except the dead BN, which
stays unbuilt with no variables for the life of the model.
"""

SOURCE = "https://github.com/mindee/doctr/issues/1637"
CODES = ("LD005",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py e_doctr_repconv_identity_bn_unused_for_vertical_kernels.py:
warning: Layer 'rep_conv_layer' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'rep_conv_layer', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, 
warning: Layer 'rep_conv_layer_1' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'rep_conv_layer_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built
warning: Layer 'rep_conv_layer_2' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'rep_conv_layer_2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built
as returned: Sequential, count_params() = 6464, 43 weights, unbuilt: ['BatchNormalization:batch_normalization_6']
after call: count_params() = 6464, 25 trainable weights, unbuilt: ['BatchNormalization:batch_normalization_6']; output dtypes ['float32']
gradient None for 0 of 25 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rep_conv_layer': 4096, 'rep_conv_layer_1': 1152, 'rep_conv_layer_2': 1216}
second call: 0 variables watched that the first call did not use"""

from typing import Any, Tuple, Union

import keras
import tensorflow as tf
from tensorflow.keras import layers


class NestedObject:
    """Base class of docTR's objects that print their children (only repr helpers)."""

    _children_names: list = []


class RepConvLayer(layers.Layer, NestedObject):
    """Reparameterized Convolutional Layer"""

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: Union[int, Tuple[int]],
        stride: int = 1,
        dilation: int = 1,
        groups: int = 1,
        bias: bool = False,
    ) -> None:
        super().__init__()

        converted_ks = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size

        self.hor_conv, self.hor_bn = None, None
        self.ver_conv, self.ver_bn = None, None

        padding = ((converted_ks[0] - 1) * dilation // 2, (converted_ks[1] - 1) * dilation // 2)

        self.activation = layers.ReLU()
        self.conv_pad = layers.ZeroPadding2D(padding=padding)
        self.conv = layers.Conv2D(
            filters=out_channels, kernel_size=converted_ks, strides=stride, dilation_rate=dilation,
            groups=groups, use_bias=bias,
        )
        self.bn = layers.BatchNormalization()

        if converted_ks[1] != 1:
            self.ver_pad = layers.ZeroPadding2D(padding=(int(((converted_ks[0] - 1) * dilation) / 2), 0))
            self.ver_conv = layers.Conv2D(
                filters=out_channels, kernel_size=(converted_ks[0], 1), strides=stride, dilation_rate=dilation,
                groups=groups, use_bias=bias,
            )
            self.ver_bn = layers.BatchNormalization()

        if converted_ks[0] != 1:
            self.hor_pad = layers.ZeroPadding2D(padding=(0, int(((converted_ks[1] - 1) * dilation) / 2)))
            self.hor_conv = layers.Conv2D(
                filters=out_channels, kernel_size=(1, converted_ks[1]), padding="valid", strides=stride,
                dilation_rate=dilation, groups=groups, use_bias=bias,
            )
            self.hor_bn = layers.BatchNormalization()

        self.rbr_identity = layers.BatchNormalization() if out_channels == in_channels and stride == 1 else None

    def call(self, x: tf.Tensor, **kwargs: Any) -> tf.Tensor:
        main_outputs = self.bn(self.conv(self.conv_pad(x, **kwargs), **kwargs), **kwargs)

        if self.ver_conv is not None and self.ver_bn is not None:
            vertical_outputs = self.ver_bn(self.ver_conv(self.ver_pad(x, **kwargs), **kwargs), **kwargs)
        else:
            vertical_outputs = 0

        if self.hor_bn is not None and self.hor_conv is not None:
            horizontal_outputs = self.hor_bn(self.hor_conv(self.hor_pad(x, **kwargs), **kwargs), **kwargs)
        else:
            horizontal_outputs = 0

        if self.rbr_identity is not None and self.ver_bn is not None:
            id_out = self.rbr_identity(x, **kwargs)
        else:
            id_out = 0

        return self.activation(main_outputs + vertical_outputs + horizontal_outputs + id_out)


def build_model():
    # one FAST stage: square, vertical and horizontal kernels, channels kept
    return keras.Sequential([
        keras.Input(shape=(32, 32, 16)),
        RepConvLayer(16, 16, (3, 3)),
        RepConvLayer(16, 16, (3, 1)),
        RepConvLayer(16, 16, (1, 3)),
    ])
