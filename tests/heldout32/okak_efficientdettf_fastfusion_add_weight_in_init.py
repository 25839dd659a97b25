"""EfficientDet's BiFPN FastFusion rewritten to make its fusion weights with `self.add_weight` in
`__init__` (no `build()`), next to sublayers given the `prefix` names: tracked, counted and trained on
Keras 3.

From Guillem96/efficientdet-tf (`efficientdet/models/bifpn.py`, commit 01074bc "Layers are layers not
models"), the fix of the raw `tf.Variable` of commit d280d25 (the bug twin
`ak_efficientdettf_fastfusion_weights_tf_variable`). The weight is created in the constructor with
`shape=(size,)`, where `size` is the number of fused feature maps passed by hand: it looks like the
catalog's LD004 (an `add_weight` in `__init__` sized by an argument) and like a weight made before the
layer is built, but the size is the fan-in count of the fusion, not an input dimension, and a weight
made in `__init__` is tracked on Keras 3. The `ConvBlock` and `Resize` sublayers (from `layers.py` of
the same commit) are built on their first call.

Porting edits: the `prefix` names end in '/' (`prefix + 'conv_block/'`, `prefix + 'resize/'`), which
Keras 3 refuses in layer names; the '/' are replaced by '_' in those string literals. `build_model()`
wires one `FastFusion(3, 8)` on P5 (4x4x8), P5_td (4x4x8) and P4_out (8x8x8), as
`BiFPNBlock.ff_5_out` does (the last input is resized to the first).
"""

SOURCE = "https://github.com/Guillem96/efficientdet-tf/blob/01074bcc62df52e39a5bf61e4c377aa6cf2fcfc5/efficientdet/models/bifpn.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/okak_efficientdettf_fastfusion_add_weight_in_init.py:
as returned: Functional, count_params() = 355, 15 weights, unbuilt: none
after call: count_params() = 355, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fast_fusion': 355, 'resize': 176, 'conv_block_1': 176, 'conv_block': 176}
second call: 0 variables watched that the first call did not use
Own probe (probe_misc.py): one SGD step (lr 0.5, mean-square loss) moves FastFusion.w from [1. 1. 1.] to [0.987 0.994 1.019]; 355 = 3 fusion weights + 2 x 176 (separable conv + BN of the fusion ConvBlock and of the Resize ConvBlock)."""

from typing import Any, Sequence, Tuple

import tensorflow as tf
import keras

EPSILON = 1e-5


class Resize(tf.keras.layers.Layer):

    def __init__(self, features: int, prefix: str = '') -> None:
        super(Resize, self).__init__()
        self.antialiasing_conv = ConvBlock(features,
                                           separable=True,
                                           kernel_size=3,
                                           padding='same',
                                           prefix=prefix + 'conv_block_')

    def call(self,
             images: tf.Tensor,
             target_dim: Tuple[int, int, int, int] = None,
             training: bool = True) -> tf.Tensor:
        h, w = target_dim[1], target_dim[2] # type: ignore[index]

        x = tf.image.resize(images, [h, w], method='nearest')
        x = self.antialiasing_conv(x, training=training)
        return x


class ConvBlock(tf.keras.layers.Layer):

    def __init__(self,
                 features: int = None,
                 separable: bool = False,
                 activation: str = None,
                 prefix: str = '',
                 **kwargs: Any) -> None:
        super(ConvBlock, self).__init__()

        if separable:
            name = prefix + 'separable_conv'
            self.conv = tf.keras.layers.SeparableConv2D(filters=features,
                                                        name=name,
                                                        **kwargs)
        else:
            name = prefix + 'conv'
            self.conv = tf.keras.layers.Conv2D(features, name=name, **kwargs)

        self.bn = tf.keras.layers.BatchNormalization(name=prefix + 'bn')

        if activation == 'swish':
            self.activation = tf.keras.layers.Activation(
                tf.nn.swish, name=prefix + 'swish')
        elif activation is not None:
            self.activation = tf.keras.layers.Activation(activation,
                name=prefix + activation)
        else:
            self.activation = tf.keras.layers.Activation('linear',
                name=prefix + 'linear')

    def call(self, x: tf.Tensor, training: bool = True) -> tf.Tensor:
        x = self.bn(self.conv(x), training=training)
        return self.activation(x)


class FastFusion(tf.keras.layers.Layer):
    def __init__(self, size: int, features: int, prefix: str = '') -> None:
        super(FastFusion, self).__init__()

        self.size = size
        self.w = self.add_weight(name=prefix + 'w',
                                 shape=(size,),
                                 initializer=tf.initializers.Ones(),
                                 trainable=True)
        self.relu = tf.keras.layers.Activation('relu', name=prefix + 'relu')

        self.conv = ConvBlock(features,
                              separable=True,
                              kernel_size=3,
                              strides=1,
                              padding='same',
                              activation='swish',
                              prefix=prefix + 'conv_block_')
        self.resize = Resize(features, prefix=prefix + 'resize_')

    def call(self,
             inputs: Sequence[tf.Tensor],
             training: bool = True) -> tf.Tensor:
        """
        Parameters
        ----------
        inputs: List[tf.Tensor] of shape (BATCH, H, W, C)
        """
        # The last feature map has to be resized according to the
        # other inputs
        resampled_feature = self.resize(
            inputs[-1], tf.shape(inputs[0]), training=training)

        resampled_features = inputs[:-1] + [resampled_feature]

        # wi has to be larger than 0 -> Apply ReLU
        w = self.relu(self.w)
        w_sum = EPSILON + tf.reduce_sum(w, axis=0)

        # [INPUTS, BATCH, H, W, C]
        weighted_inputs = [(w[i] * resampled_features[i]) / w_sum
                           for i in range(self.size)]

        # Sum weighted inputs
        # (BATCH, H, W, C)
        weighted_sum = tf.add_n(weighted_inputs)
        return self.conv(weighted_sum, training=training)


def build_model():
    p5 = keras.Input(shape=(4, 4, 8))
    p5_td = keras.Input(shape=(4, 4, 8))
    p4_out = keras.Input(shape=(8, 8, 8))
    out = FastFusion(3, 8, prefix='ff_5_out_P5_P5_td_P4_out_')([p5, p5_td, p4_out])
    return keras.Model([p5, p5_td, p4_out], out)
