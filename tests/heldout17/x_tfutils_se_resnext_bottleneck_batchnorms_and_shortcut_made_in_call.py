"""An SE-ResNeXt bottleneck ported from PyTorch (ifrit98/tf_utils `squeeze_excite.py`): the three
separable/1x1 convolutions and the squeeze-excite module are made in `__init__`, but the three
`BatchNormalization` layers and the 1x1 projection shortcut (used when the channel count changes)
are written as `tf.keras.layers.BatchNormalization()(x)` and `tf.keras.layers.Conv2D(...)(residual)`
inside `call()`. Each call makes new layers: their weights are not tracked by the block, not
counted, not trained, and the shortcut projection is a fresh random matrix on every call.

The PyTorch original keeps `bn1..bn3` and `downsample` as modules built in `__init__`; the port
moved them into the forward pass. `build()` only sets `self.built = True` (harmless: the tracked
sublayers build on first call). Under Keras 3 a functional model over the block builds and counts
only the convolutions and the SE module; `fit` then fails in `tf.function` because the call creates
variables on every trace.

Porting edits: `tf.keras.*` -> `keras.*` (the `tf.math.floor` width arithmetic stays); the SENet
wrapper (unfinished in the file, it calls PyTorch-only `x.view`) left out; one bottleneck with
16 filters, reduction 2, on an 8x8x16 input, then pooling and a Dense(3) head.
"""

SOURCE = "https://github.com/ifrit98/tf_utils/blob/42e3285e56613a047bf53cf2b323e773b850682e/layers/squeeze_excite.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/x_tfutils_se_resnext_bottleneck_batchnorms_and_shortcut_made_in_call.py:
as returned: Functional, count_params() = 4227, 13 weights, unbuilt: none
after call: count_params() = 4227, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 8 variables the model does not track: ['functional/se_res_ne_xt_bottleneck/batch_normalization_3/gamma:0', 'functional/se_res_ne_xt_bottleneck/batch_normalization_3/beta:0', 'functional/se_res_ne_xt_bottleneck/batch_normalization_4/gamma:0', 'functional/se_res_ne_xt_bottleneck/batch_normalization_4/beta:0', 'functional/se_res_ne_xt_bottleneck/batch_normalization_5/gamma:0', ...]
params of the case's own layers: {'se_res_ne_xt_bottleneck': 4128, 'squeeze_excite': 1072}
second call: 8 variables watched that the first call did not use
(8 = three BatchNormalization gamma/beta pairs + the shortcut Conv2D kernel/bias, new on every call.) Own script
(/tmp/mine17b/fitcheck.py): model.fit raises ValueError in SEResNeXtBottleneck.call(): "tf.function only supports
singleton tf.Variables created on the first call"."""

import tensorflow as tf
import keras


class SqueezeExcite(keras.Model):
    def __init__(self, filters, reduction=2, downsample=False):
        super(SqueezeExcite, self).__init__()
        reduced = filters // reduction
        self.avg_pool = keras.layers.AveragePooling2D(1)
        self.conv1 = keras.layers.Conv2D(reduced, 1)
        self.relu = keras.activations.relu
        self.conv2 = keras.layers.Conv2D(filters, 1)
        self.sigmoid = keras.activations.sigmoid
        self.mult = keras.layers.multiply
        self.downsample = downsample

    def build(self, input_shape):
        self.built = True

    def call(self, x):
        residual = x
        x = self.avg_pool(x)
        x = self.conv1(x)
        x = self.relu(x)
        x = self.conv2(x)
        x = self.sigmoid(x)
        if self.downsample:
            residual = keras.layers.Conv2D(x.shape[-1], 1)(residual)
        return self.mult([x, residual])


class SEResNeXtBottleneck(keras.Model):
    def __init__(self, filters, reduction=16, base_width=4,
                 stride=1, expansion=2, downsample=False):
        super(SEResNeXtBottleneck, self).__init__()
        width = tf.math.floor(filters * (base_width / 64)) * 32
        width = int(width.numpy())
        self.conv1 = keras.layers.SeparableConv2D(
            width, 3, padding='same', depth_multiplier=1)
        self.conv2 = keras.layers.SeparableConv2D(
            width, 3, padding='same', depth_multiplier=1)
        self.conv3 = keras.layers.Conv2D(
            filters * expansion, 1, use_bias=False, padding='same')
        self.se_module = SqueezeExcite(filters * expansion, reduction, downsample)

    def build(self, input_shape):
        self.built = True

    def call(self, x):
        residual = x
        x = self.conv1(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.activations.relu(x)
        x = self.conv2(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.activations.relu(x)
        x = self.conv3(x)
        x = keras.layers.BatchNormalization()(x)
        x = self.se_module(x)
        if x.shape[-1] != residual.shape[-1]:  # downsample
            residual = keras.layers.Conv2D(x.shape[-1], 1, padding='same')(residual)
        return keras.layers.add([x, residual])


def build_model():
    inputs = keras.Input(shape=(8, 8, 16))
    x = SEResNeXtBottleneck(16, reduction=2)(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(3)(x)
    return keras.Model(inputs, outputs)
