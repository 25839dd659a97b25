"""ConvNeXt layer-scale "gamma" kept as a constant tensor on self: the learnable scale is frozen at 1e-6.

A rainfall-radar segmentation project ported ConvNeXt blocks from a notebook. The layer-scale step
(`LayerConvNeXtGamma`) stores `const_val * tf.ones(dim)` on `self` in `__init__` and multiplies the
block's output by it. In the paper (and the PyTorch code) gamma is an `nn.Parameter`, learned per
channel; here it is a plain tensor, so every residual branch is scaled by a fixed 1e-6 forever, the
layer has 0 parameters and the scale is not saved except through get_config.
"""

SOURCE = "https://github.com/sbrl/research-rainfallradar/blob/main/aimodel/src/lib/ai/components/LayerConvNeXtGamma.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py k_convnext_gamma_constant_tensor.py:
as returned: Functional, count_params() = 17217, 26 weights, unbuilt: none
after call: count_params() = 17217, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stage0_block0_gamma': 0, 'stage1_block0_gamma': 0}
second call: 0 variables watched that the first call did not use
Own check: LayerConvNeXtGamma.weights == [] in both blocks; the 1e-6 scale is a tf.Tensor constant, never updated by fit."""

import keras
import tensorflow as tf


class LayerConvNeXtGamma(tf.keras.layers.Layer):
    def __init__(self, const_val=1e-6, dim=None, name=None, **kwargs):
        super(LayerConvNeXtGamma, self).__init__(name=name)

        self.dim = dim
        self.const = const_val * tf.ones(
            (self.dim),
            dtype=tf.float32 if keras.mixed_precision.global_policy().name == "float32" else tf.float16,
        )

    def call(self, inputs, **kwargs):
        return tf.multiply(inputs, self.const)

    def get_config(self):
        config = super(LayerConvNeXtGamma, self).get_config()
        config.update({"const_val": self.const.numpy(), "dim": self.dim})
        return config


def convnext_block(x, dim, drop_path=0.0, layer_scale_init_value=1e-6, prefix=""):
    shortcut = x
    x = tf.keras.layers.DepthwiseConv2D(kernel_size=7, padding="same", name=f"{prefix}_dw")(x)
    x = tf.keras.layers.LayerNormalization(epsilon=1e-6, name=f"{prefix}_ln")(x)
    x = tf.keras.layers.Dense(4 * dim, name=f"{prefix}_pw1")(x)
    x = tf.keras.layers.Activation("gelu", name=f"{prefix}_gelu")(x)
    x = tf.keras.layers.Dense(dim, name=f"{prefix}_pw2")(x)
    if layer_scale_init_value > 0:
        x = LayerConvNeXtGamma(const_val=layer_scale_init_value, dim=dim, name=f"{prefix}_gamma")(x)
    if drop_path > 0:
        x = tf.keras.layers.Dropout(drop_path, noise_shape=(None, 1, 1, 1), name=f"{prefix}_droppath")(x)
    return tf.keras.layers.Add(name=f"{prefix}_add")([shortcut, x])


def downsample(x, dim, prefix=""):
    x = tf.keras.layers.LayerNormalization(epsilon=1e-6, name=f"{prefix}_ds_ln")(x)
    return tf.keras.layers.Conv2D(dim, kernel_size=2, strides=2, name=f"{prefix}_ds_conv")(x)


def make_convnext_encoder(input_shape=(32, 32, 8), depths=(1, 1), dims=(16, 32)):
    inputs = tf.keras.layers.Input(shape=input_shape)
    x = tf.keras.layers.Conv2D(dims[0], kernel_size=4, strides=4, name="stem_conv")(inputs)
    x = tf.keras.layers.LayerNormalization(epsilon=1e-6, name="stem_ln")(x)
    for stage, (depth, dim) in enumerate(zip(depths, dims)):
        if stage > 0:
            x = downsample(x, dim, prefix=f"stage{stage}")
        for i in range(depth):
            x = convnext_block(x, dim, prefix=f"stage{stage}_block{i}")
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    outputs = tf.keras.layers.Dense(1, name="head")(x)
    return tf.keras.Model(inputs, outputs, name="convnext_rainfall")


def build_model():
    return make_convnext_encoder()
