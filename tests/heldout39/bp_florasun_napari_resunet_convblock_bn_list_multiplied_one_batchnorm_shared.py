"""A CT-segmentation attention ResUNet builds its per-block normalisation as `[layers.BatchNormalization()] * num_conv`:
one BatchNormalization instance normalises all three positions of every ConvBlock (LD007, unintended sharing).

From flora-sun-zhixin/napari (Flora Sun's WUSTL CT segmentation code, an attention-gated ResUNet on pelvis/femur
slices, kept inside a napari fork), `napari/components/CodeFromFlora/models/ResUNet_2D_attention_gate.py`.
`ConvBlock.__init__` makes `self.convList` with a comprehension (three distinct Conv2D) but
`self.activationLayer = [layers.LeakyReLU(alpha=0.01)] * num_conv` and, with `batchNorm=True`,
`self.bnList = [layers.BatchNormalization()] * num_conv`: a list of three references to ONE layer. `call()` applies
`bnList[i-1]` after each inner conv and `bnList[-1]` after the block, so one set of gamma/beta and one pair of
moving statistics is shared by all three positions. Every conv outputs `num_filter` channels, so nothing crashes:
the model silently has a third of the intended normalisation parameters, and the moving mean/variance mix the
statistics of three different feature maps. The shared LeakyReLU is harmless (no state). The sibling file
ResUNet_attention.py has the same multiplication but builds its blocks without batch norm.

Porting edits: `LeakyReLU(alpha=0.01)` -> `LeakyReLU(negative_slope=0.01)` (Keras 3 name); `get_config` dropped.
The class body is otherwise as written. build_model() wires the ResUNet's encoder as `ResUNet.__init__`/`call`
do (`down_res = [ConvBlock(2**i, num_conv=num_conv, use_resi=False, batchNorm=True, ...)]`, MaxPool between
levels, then `bottomLinear = ConvBlock(..., num_conv=1, kernel_size=1, ...)`), shrunk to start_exp=3, depth=3 on
padded 16x20x1 slices, as a functional model (the full ResUNet call also needs a positional-encoding input and
the attention-gate module).
"""

SOURCE = "https://github.com/flora-sun-zhixin/napari/blob/1a5bfd49a13646c02f22b56eab2f86dd185ad5ad/napari/components/CodeFromFlora/models/ResUNet_2D_attention_gate.py"
CODES = ("LD007",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/bp_florasun_napari_resunet_convblock_bn_list_multiplied_one_batchnorm_shared.py:
as returned: Functional, count_params() = 31600, 36 weights, unbuilt: none
after call: count_params() = 31600, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'down_res_1': 1280, 'down_res_2': 5872, 'down_res_3': 23264, 'bottomLinear': 1184}
second call: 0 variables watched that the first call did not use
probe (probe_flora.py): down_res_1/2/3: "bnList entries 3 distinct BN objects 1 | BN weights tracked 4" (one
gamma/beta/moving mean/variance set instead of three); down_res_1 = convs 80 + 584 + 584 + one BN 32 = 1280 where
three BNs would give 1344; no warning or exception printed."""

import tensorflow as tf
import tensorflow.keras.layers as layers


class ConvBlock(tf.keras.layers.Layer):
    def __init__(self, num_filter, num_conv=3, kernel_size=3, strides=1, use_resi=True,
                 batchNorm=False, bnkwargs=None, **kwargs):
        super().__init__(**kwargs)
        
        self.num_filter = num_filter
        self.num_conv = num_conv
        self.kernel_size = kernel_size
        self.strides = strides
        self.batchNorm = batchNorm
        self.use_resi = use_resi

        stridesList = [strides] + [1] * (num_conv - 1)
        self.convList = [layers.Conv2D(num_filter, kernel_size=kernel_size,
                                       strides=stridesList[i], padding="same") for i in range(num_conv)]

        self.activationLayer = [layers.LeakyReLU(negative_slope=0.01)] * num_conv

        self.bnList = None
        if self.batchNorm:
            self.bnList = [layers.BatchNormalization()] * num_conv

        self.conv_to_reshape = None
        if self.use_resi:
            self.conv_to_reshape = layers.Conv2D(num_filter, kernel_size=1,
                                                 strides=strides)

    def call(self, X, training=None):
        # Y = tf.keras.activations.relu(self.bn1(self.conv1(X), training=training))
        # Y = self.bn2(self.conv2(Y), training=training)
        Y = self.convList[0](X)

        for i in range(1, self.num_conv):
            if self.batchNorm:
                Y = self.bnList[i-1](Y, training=training)
            Y = self.activationLayer[i-1](Y)
            Y = self.convList[i](Y)

        if self.use_resi:
            X = self.conv_to_reshape(X)
            Y += X

        if self.batchNorm:
            Y = self.bnList[-1](Y, training=training)

        return self.activationLayer[-1](Y)


def build_model():
    start_exp, depth, num_conv = 3, 3, 3
    inputs = tf.keras.Input(shape=(16, 20, 1))
    down_res = [ConvBlock(2**i, num_conv=num_conv, use_resi=False, batchNorm=True, name=f"down_res_{i - start_exp + 1}")
                for i in range(start_exp, start_exp + depth)]
    pool = [layers.MaxPool2D(pool_size=2, strides=2, padding="valid") for _ in range(depth - 1)]
    bottomLinear = ConvBlock(2**(start_exp + depth - 1), num_conv=1, use_resi=False, batchNorm=True, kernel_size=1,
                             name="bottomLinear")
    X = inputs
    for i in range(len(down_res) - 1):
        X = down_res[i](X)
        X = pool[i](X)
    X = down_res[-1](X)
    X = bottomLinear(X)
    return tf.keras.Model(inputs, X)
