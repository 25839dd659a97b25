"""EfficientDet's BiFPN FastFusion keeps its learnable fusion weights as a raw `tf.Variable` made in
`__init__`: Keras 3 does not track it, so the per-input fusion weights are not counted, not trained and
not saved.

From Guillem96/efficientdet-tf (`efficientdet/models/bifpn.py`, commit d280d25 "BiFPN bug solved"),
a TF2 EfficientDet. `FastFusion(size, features)` implements the paper's fast normalised fusion:
`w = relu(self.w)`, weighted sum of the inputs divided by `EPSILON + sum(w)`, then a separable conv, BN
and ReLU. The weights are `tf.Variable(name='w', initial_value=constant(1/size)(shape=(size,)),
trainable=True)`; on tf.keras 2 that is tracked, on Keras 3 it is a foreign variable. The author later
rewrote the layer with `self.add_weight` (commit 01074bc "Layers are layers not models", the twin
look-alike `okak_efficientdettf_fastfusion_add_weight_in_init`).

Porting edits: none to the two classes (`layers.Resize` from the sibling module `layers.py` of the same
commit is inlined as `Resize`). `build_model()` wires one `FastFusion(2, 8)` in a functional model on
P6 (4x4x8) and P7 (2x2x8), as `BiFPNBlock.ff_6_td([P6, P7])` does.
"""

SOURCE = "https://github.com/Guillem96/efficientdet-tf/blob/d280d256cd5b2f15f0bd7ab260bce659d2a48a0a/efficientdet/models/bifpn.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/ak_efficientdettf_fastfusion_weights_tf_variable.py:
as returned: Functional, count_params() = 760, 9 weights, unbuilt: none
after call: count_params() = 760, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 1 variables the model does not track: ['w:0']
params of the case's own layers: {'fast_fusion': 760, 'resize': 584}
second call: 0 variables watched that the first call did not use
Own probe (probe_misc.py): FastFusion.w is a tf ResourceVariable, trainable=True, not among model.weights; 760 = Resize conv 584 + SeparableConv2D 144 + BN 32, the 2 fusion weights are missing."""

import tensorflow as tf
import keras

EPSILON = 1e-5


class Resize(tf.keras.Model):

    def __init__(self, features, separable: bool = False):
        super(Resize, self).__init__()
        conv_cls = (tf.keras.layers.SeparableConv2D
                    if separable else tf.keras.layers.Conv2D)
        self.antialiasing_conv = conv_cls(features,
                                          kernel_size=3,
                                          padding='same')

    def call(self, images, target_dim=None):
        dims = target_dim[1: 3]
        x = tf.image.resize(images, dims, method='nearest')
        x = self.antialiasing_conv(x)
        return x


class FastFusion(tf.keras.layers.Layer):
    def __init__(self, size: int, features: int):
        super(FastFusion, self).__init__()
        w_init = tf.keras.initializers.constant(1 / size)

        self.size = size
        self.w = tf.Variable(name='w',
                             initial_value=w_init(shape=(size,)),
                             trainable=True)

        self.relu = tf.keras.layers.Activation('relu')

        self.conv = tf.keras.layers.SeparableConv2D(features,
                                                    kernel_size=3,
                                                    strides=1,
                                                    padding='same')
        self.bn = tf.keras.layers.BatchNormalization()
        self.relu_2 = tf.keras.layers.Activation('relu')

        self.resize = Resize(features)

    def call(self, inputs, training=True):
        """
        Parameters
        ----------
        inputs: List[tf.Tensor] of shape (BATCH, H, W, C)
        """
        # The last feature map has to be resized according to the
        # other inputs
        inputs[-1] = self.resize(inputs[-1], target_dim=inputs[0].shape)

        # wi has to be larger than 0 -> Apply ReLU
        w = self.relu(self.w)
        w_sum = EPSILON + tf.reduce_sum(w)

        # List of (BATCH, H, W, C)
        weighted_inputs = [w[i] * inputs[i] for i in range(self.size)]

        # Sum weighted inputs
        # (BATCH, H, W, C)
        weighted_sum = tf.reduce_sum(weighted_inputs, axis=0)
        fusioned_features = self.conv(weighted_sum / w_sum)
        fusioned_features = self.bn(fusioned_features, training=training)

        return self.relu_2(fusioned_features)


def build_model():
    p6 = keras.Input(shape=(4, 4, 8))
    p7 = keras.Input(shape=(2, 2, 8))
    out = FastFusion(2, 8)([p6, p7])
    return keras.Model([p6, p7], out)
