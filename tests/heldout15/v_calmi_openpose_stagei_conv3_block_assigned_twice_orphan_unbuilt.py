"""An OpenPose (CPM) pose-estimation model whose refinement stage `StageI.__init__` assigns
`self.drop_3` / `self.conv_3` twice (a copy-pasted pair of lines), so each stage creates one
`ConvBlock` too many.

Keras 3 keeps the first `ConvBlock` in the layer's tracked sublayers after the attribute is
rebound to the second one: the orphan is never called, never built, and every `StageI` gets the
"`build()` was called on layer ..., however the layer does not have a `build()` method implemented
and it looks like it has unbuilt state" warning. The orphan's Conv2D/PReLU/BatchNormalization
sublayers (in plain lists, which Keras tracks) stay unbuilt; the model trains, but it carries a
dead, unbuilt block per stage into every weight save/load.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.concat`); `OpenPoseCfg` inlined with
`batch_norm_on = True` (the repository's `False` puts bare `tf.keras.layers.Layer()` placeholders in
`bns`, which Keras 3 cannot call), dropout 0 as in the repository; VGG backbone cut to two 8-filter
convs and one pool, stage filters 8 instead of 96/128, two refinement stages instead of six,
4 PAF / 3 heat-map channels.
"""

SOURCE = "https://github.com/calmiLovesAI/Pose_Estimation/blob/defd967e4b54190c19374518c610278e14b81ebe/openpose/core/model.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py v_calmi_openpose_stagei_conv3_block_assigned_twice_orphan_unbuilt.py:
warning: `build()` was called on layer 'stage_i', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. (same for 'stage_i_1')
as returned: CPM, count_params() raised ValueError, 0 weights (nothing built before a call)
after call: count_params() = 30815, 170 trainable weights, unbuilt: ['ConvBlock:conv_block_2', 'PReLU:p_re_lu_10', 'Conv2D:conv2d_12', 'BatchNormalization:batch_normalization_8', ..., 'ConvBlock:conv_block_8', 'PReLU:p_re_lu_29', 'Conv2D:conv2d_32', ...]
gradient None for 0 of 170 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stage_i': 14708, 'conv_block_2': 'count_params() raised ValueError', 'stage_i_1': 14995, 'conv_block_8': 'count_params() raised ValueError', other ConvBlocks 3088 / 1872 / 2176}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15b/orph.py): each StageI tracks 6 ConvBlocks, built [True, True, False, True, True, True]; the unbuilt one is the first
object bound to conv_3 (the attribute now points to the 4th); model.weights 230 (with BN statistics), count_params 30815."""

import keras
import tensorflow as tf


class cfg:
    batch_norm_on = True
    dropout_rate = 0
    paf_num_filters = 4
    heatmap_num_filters = 3


class VGG(keras.layers.Layer):
    def __init__(self):
        super(VGG, self).__init__()
        self.conv1 = keras.layers.Conv2D(filters=8, kernel_size=3, strides=1, padding="same",
                                         activation=keras.activations.relu)
        self.conv2 = keras.layers.Conv2D(filters=8, kernel_size=3, strides=1, padding="same",
                                         activation=keras.activations.relu)
        self.pool1 = keras.layers.MaxPool2D(pool_size=(2, 2), strides=2)

    def call(self, inputs, **kwargs):
        x = self.conv1(inputs)
        x = self.conv2(x)
        x = self.pool1(x)
        return x


class ConvBlock(keras.layers.Layer):
    def __init__(self, filters):
        super(ConvBlock, self).__init__()
        self.bns = list()
        self.convs = list()
        self.acts = list()
        for i in range(3):
            if cfg.batch_norm_on:
                self.bns.append(keras.layers.BatchNormalization())
            else:
                self.bns.append(keras.layers.Layer())
            self.convs.append(keras.layers.Conv2D(filters=filters, kernel_size=3, strides=1, padding="same"))
            self.acts.append(keras.layers.PReLU(shared_axes=[1, 2]))

    def call(self, inputs, training=None, **kwargs):
        x1 = self.bns[0](inputs, training=training)
        x1 = self.acts[0](self.convs[0](x1))

        x2 = self.bns[1](x1, training=training)
        x2 = self.acts[1](self.convs[1](x2))

        x3 = self.bns[2](x2, training=training)
        x3 = self.acts[2](self.convs[2](x3))

        return tf.concat(values=[x1, x2, x3], axis=-1)


class Stage0(keras.layers.Layer):
    def __init__(self):
        super(Stage0, self).__init__()
        self.conv1 = keras.layers.Conv2D(filters=16, kernel_size=1, strides=1, padding="same")
        self.act1 = keras.layers.PReLU(shared_axes=[1, 2])
        self.conv2 = keras.layers.Conv2D(filters=8, kernel_size=1, strides=1, padding="same")
        self.act2 = keras.layers.PReLU(shared_axes=[1, 2])

    def call(self, inputs, **kwargs):
        x = self.conv1(inputs)
        x = self.act1(x)
        x = self.conv2(x)
        x = self.act2(x)
        return x


class StageI(keras.layers.Layer):
    def __init__(self, filters, output_filters, activation_func):
        super(StageI, self).__init__()
        self.drop_1 = keras.layers.Dropout(rate=cfg.dropout_rate)
        self.conv_1 = ConvBlock(filters=filters)

        self.drop_2 = keras.layers.Dropout(rate=cfg.dropout_rate)
        self.conv_2 = ConvBlock(filters=filters)

        self.drop_3 = keras.layers.Dropout(rate=cfg.dropout_rate)
        self.conv_3 = ConvBlock(filters=filters)

        self.drop_3 = keras.layers.Dropout(rate=cfg.dropout_rate)
        self.conv_3 = ConvBlock(filters=filters)

        self.drop_4 = keras.layers.Dropout(rate=cfg.dropout_rate)
        self.conv_4 = ConvBlock(filters=filters)

        self.drop_5 = keras.layers.Dropout(rate=cfg.dropout_rate)
        self.conv_5 = ConvBlock(filters=filters)

        self.conv6 = keras.layers.Conv2D(filters=16, kernel_size=1, strides=1, padding="same")
        self.act = keras.layers.PReLU(shared_axes=[1, 2])
        self.conv7 = keras.layers.Conv2D(filters=output_filters, kernel_size=1, strides=1, padding="same",
                                         activation=activation_func)

    def call(self, inputs, training=None, **kwargs):
        if len(inputs) > 1:
            x = tf.concat(values=inputs, axis=-1)
        else:
            x = inputs[0]
        x = self.drop_1(x, training=training)
        x = self.conv_1(x)
        x = self.drop_2(x, training=training)
        x = self.conv_2(x)
        x = self.drop_3(x, training=training)
        x = self.conv_3(x)
        x = self.drop_4(x, training=training)
        x = self.conv_4(x)
        x = self.drop_5(x, training=training)
        x = self.conv_5(x)

        x = self.conv6(x)
        x = self.act(x)
        x = self.conv7(x)

        return x


class CPM(keras.Model):
    def __init__(self):
        super(CPM, self).__init__()
        self.paf_num_filters = cfg.paf_num_filters
        self.heatmap_num_filters = cfg.heatmap_num_filters

        self.backbone = VGG()
        self.stage_0 = Stage0()
        self.stage_1 = StageI(filters=8, output_filters=self.paf_num_filters,
                              activation_func=keras.activations.linear)
        self.stage_5 = StageI(filters=8, output_filters=self.heatmap_num_filters,
                              activation_func=keras.activations.tanh)

    def call(self, inputs, training=None, mask=None):
        x = self.backbone(inputs, training=training)
        x = self.stage_0(x)

        s1 = self.stage_1([x], training=training)
        s5 = self.stage_5([s1, x], training=training)

        return [s1, s5]


def build_model():
    import numpy as np

    model = CPM()
    images = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    return model, images
