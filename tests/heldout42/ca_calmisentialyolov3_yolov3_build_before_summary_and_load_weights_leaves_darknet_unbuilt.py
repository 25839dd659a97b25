"""calmisential's YOLOv3_TensorFlow2 summarises and then (optionally) restores its subclassed `YOLOV3` detector with `network.build(input_shape=(None, IMAGE_HEIGHT, IMAGE_WIDTH, CHANNELS))` followed by `net.load_weights(...)`; `YOLOV3` (and its `DarkNet53` backbone, also a `Model`) define no `build()`, so on Keras 3 the explicit build does not trace `call()` and every Darknet conv, batch norm, residual block and YOLO tail stays unbuilt with 0 parameters when the summary is printed and the weights are loaded.

From calmisential/YOLOv3_TensorFlow2 (a TF 2.0 YOLOv3 for object detection, 2019-2020): `yolo/yolo_v3.py` defines
`DarkNetConv2D` (conv + BN + leaky ReLU), `ResidualBlock`, the `make_residual_block` Sequential factory, the
`DarkNet53(tf.keras.Model)` backbone, `YOLOTail` and `YOLOV3(tf.keras.Model)`, whose `__init__` holds the backbone,
three tails and two `Sequential` upsampling branches made by `_make_upsampling`, all chained in `call()` with two
`concatenate` skip merges. `train_from_scratch.py` does `net = YOLOV3(out_channels=3 * (CATEGORY_NUM + 5))`, then
`print_model_summary(network=net)`, a helper that calls `network.build(input_shape=(None, 416, 416, 3))` and
`network.summary()`, then `if load_weights_before_training: net.load_weights(...)`, then the GradientTape loop. On
tf.keras 2 that build ran `call()` on a placeholder and created all weights. On Keras 3 the model has no `build()`,
so the default warns ("does not have a `build()` method implemented and it looks like it has unbuilt state") and
marks it built: the summary shows 0 parameters and a checkpoint load at that point meets a model with no
variables (LD005). The training loop itself would still build the layers on its first `net(image_batch)`.

Porting edits: none to the classes (copied from yolo/yolo_v3.py). build_model() reproduces `train_from_scratch.py`'s
start: `YOLOV3(out_channels=3 * (80 + 5))` and the build in `print_model_summary`, on (None, 64, 64, 3) instead of
(None, 416, 416, 3) to keep the measured call small (the input must be divisible by 32); the `summary()` print and
the dataset/loss code are left out. Returns the model with a (2, 64, 64, 3) batch.
"""

SOURCE = "https://github.com/calmisential/YOLOv3_TensorFlow2/blob/78673e81871cfc7311c97ea5854c8eed82d91772/train_from_scratch.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/ca_calmisentialyolov3_yolov3_build_before_summary_and_load_weights_leaves_darknet_unbuilt.py:
warning: `build()` was called on layer 'yolov3', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite 
as returned: YOLOV3, count_params() = 0, 0 weights, unbuilt: ['DarkNet53:dark_net53', 'Sequential:sequential_4', 'ResidualBlock:residual_block_22', 'DarkNetConv2D:dark_net_conv2d_51', 'BatchNormalization:batch_normalization_51', 'Conv2D:conv2d_51', 'DarkNetConv2D:dark_net_conv2d_50', 'BatchNormalization:batch_normalization_50', 'Conv2D:conv2d_50', 'ResidualBlock:residual_block_21', 'DarkNetConv2D:dark_net_conv2d_49', 'BatchNormalization:batch_normalization_49', 'Conv2D:conv2d_49', 'DarkNetConv2D:dark_net_conv2d_48', 'BatchNormalization:batch_normalization_48', 'Conv2D:conv2d_48', 'ResidualBlock:residual_block_20', 'DarkNetConv2D:dark_net_conv2d_47', 'BatchNormalization:batch_normalization_47', 'Conv2D:conv2d_47', 'DarkNetConv2D:dark_net_conv2d_46', 'BatchNormalization:batch_normalization_46', 'Conv2D:conv2d_46', 'ResidualBlock:residual_block_19', 'DarkNetConv2D:dark_net_conv2d_45', 'BatchNormalization:batch_normalization_45', 'Conv2D:conv2d_45', 'DarkNetConv2D:dark_net_conv2d_44', 'BatchNormalization:batch_normalization_44', 'Conv2D:conv2d_44', 'DarkNetConv2D:dark_net_conv2d_43', 'BatchNormalization:batch_normalization_43', 'Conv2D:conv2d_43', 'Sequential:sequential_3', 'ResidualBlock:residual_block_18', 'DarkNetConv2D:dark_net_conv2d_42', 'BatchNormalization:batch_normalization_42', 'Conv2D:conv2d_42', 'DarkNetConv2D:dark_net_conv2d_41', 'BatchNormalization:batch_normalization_41', 'Conv2D:conv2d_41', 'ResidualBlock:residual_block_17', 'DarkNetConv2D:dark_net_conv2d_40', 'BatchNormalization:batch_normalization_40', 'Conv2D:conv2d_40', 'DarkNetConv2D:dark_net_conv2d_39', 'BatchNormalization:batch_normalization_39', 'Conv2D:conv2d_39', 'ResidualBlock:residual_block_16', 'DarkNetConv2D:dark_net_conv2d_38', 'BatchNormalization:batch_normalization_38', 'Conv2D:conv2d_38', 'DarkNetConv2D:dark_net_conv2d_37', 'BatchNormalization:batch_normalization_37', 'Conv2D:conv2d_37', 'ResidualBlock:residual_block_15', 'DarkNetConv2D:dark_net_conv2d_36', 'BatchNormalization:batch_normalization_36', 'Conv2D:conv2d_36', 'DarkNetConv2D:dark_net_conv2d_35', 'BatchNormalization:batch_normalization_35', 'Conv2D:conv2d_35', 'ResidualBlock:residual_block_14', 'DarkNetConv2D:dark_net_conv2d_34', 'BatchNormalization:batch_normalization_34', 'Conv2D:conv2d_34', 'DarkNetConv2D:dark_net_conv2d_33', 'BatchNormalization:batch_normalization_33', 'Conv2D:conv2d_33', 'ResidualBlock:residual_block_13', 'DarkNetConv2D:dark_net_conv2d_32', 'BatchNormalization:batch_normalization_32', 'Conv2D:conv2d_32', 'DarkNetConv2D:dark_net_conv2d_31', 'BatchNormalization:batch_normalization_31', 'Conv2D:conv2d_31', 'ResidualBlock:residual_block_12', 'DarkNetConv2D:dark_net_conv2d_30', 'BatchNormalization:batch_normalization_30', 'Conv2D:conv2d_30', 'DarkNetConv2D:dark_net_conv2d_29', 'BatchNormalization:batch_normalization_29', 'Conv2D:conv2d_29', 'ResidualBlock:residual_block_11', 'DarkNetConv2D:dark_net_conv2d_28', 'BatchNormalization:batch_normalization_28', 'Conv2D:conv2d_28', 'DarkNetConv2D:dark_net_conv2d_27', 'BatchNormalization:batch_normalization_27', 'Conv2D:conv2d_27', 'DarkNetConv2D:dark_net_conv2d_26', 'BatchNormalization:batch_normalization_26', 'Conv2D:conv2d_26', 'Sequential:sequential_2', 'ResidualBlock:residual_block_10', 'DarkNetConv2D:dark_net_conv2d_25', 'BatchNormalization:batch_normalization_25', 'Conv2D:conv2d_25', 'DarkNetConv2D:dark_net_conv2d_24', 'BatchNormalization:batch_normalization_24', 'Conv2D:conv2d_24', 'ResidualBlock:residual_block_9', 'DarkNetConv2D:dark_net_conv2d_23', 'BatchNormalization:batch_normalization_23', 'Conv2D:conv2d_23', 'DarkNetConv2D:dark_net_conv2d_22', 'BatchNormalization:batch_normalization_22', 'Conv2D:conv2d_22', 'ResidualBlock:residual_block_8', 'DarkNetConv2D:dark_net_conv2d_21', 'BatchNormalization:batch_normalization_21', 'Conv2D:conv2d_21', 'DarkNetConv2D:dark_net_conv2d_20', 'BatchNormalization:batch_normalization_20', 'Conv2D:conv2d_20', 'ResidualBlock:residual_block_7', 'DarkNetConv2D:dark_net_conv2d_19', 'BatchNormalization:batch_normalization_19', 'Conv2D:conv2d_19', 'DarkNetConv2D:dark_net_conv2d_18', 'BatchNormalization:batch_normalization_18', 'Conv2D:conv2d_18', 'ResidualBlock:residual_block_6', 'DarkNetConv2D:dark_net_conv2d_17', 'BatchNormalization:batch_normalization_17', 'Conv2D:conv2d_17', 'DarkNetConv2D:dark_net_conv2d_16', 'BatchNormalization:batch_normalization_16', 'Conv2D:conv2d_16', 'ResidualBlock:residual_block_5', 'DarkNetConv2D:dark_net_conv2d_15', 'BatchNormalization:batch_normalization_15', 'Conv2D:conv2d_15', 'DarkNetConv2D:dark_net_conv2d_14', 'BatchNormalization:batch_normalization_14', 'Conv2D:conv2d_14', 'ResidualBlock:residual_block_4', 'DarkNetConv2D:dark_net_conv2d_13', 'BatchNormalization:batch_normalization_13', 'Conv2D:conv2d_13', 'DarkNetConv2D:dark_net_conv2d_12', 'BatchNormalization:batch_normalization_12', 'Conv2D:conv2d_12', 'ResidualBlock:residual_block_3', 'DarkNetConv2D:dark_net_conv2d_11', 'BatchNormalization:batch_normalization_11', 'Conv2D:conv2d_11', 'DarkNetConv2D:dark_net_conv2d_10', 'BatchNormalization:batch_normalization_10', 'Conv2D:conv2d_10', 'DarkNetConv2D:dark_net_conv2d_9', 'BatchNormalization:batch_normalization_9', 'Conv2D:conv2d_9', 'Sequential:sequential_1', 'ResidualBlock:residual_block_2', 'DarkNetConv2D:dark_net_conv2d_8', 'BatchNormalization:batch_normalization_8', 'Conv2D:conv2d_8', 'DarkNetConv2D:dark_net_conv2d_7', 'BatchNormalization:batch_normalization_7', 'Conv2D:conv2d_7', 'ResidualBlock:residual_block_1', 'DarkNetConv2D:dark_net_conv2d_6', 'BatchNormalization:batch_normalization_6', 'Conv2D:conv2d_6', 'DarkNetConv2D:dark_net_conv2d_5', 'BatchNormalization:batch_normalization_5', 'Conv2D:conv2d_5', 'DarkNetConv2D:dark_net_conv2d_4', 'BatchNormalization:batch_normalization_4', 'Conv2D:conv2d_4', 'Sequential:sequential', 'ResidualBlock:residual_block', 'DarkNetConv2D:dark_net_conv2d_3', 'BatchNormalization:batch_normalization_3', 'Conv2D:conv2d_3', 'DarkNetConv2D:dark_net_conv2d_2', 'BatchNormalization:batch_normalization_2', 'Conv2D:conv2d_2', 'DarkNetConv2D:dark_net_conv2d_1', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_1', 'DarkNetConv2D:dark_net_conv2d', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d', 'YOLOTail:yolo_tail', 'Conv2D:conv2d_58', 'DarkNetConv2D:dark_net_conv2d_57', 'BatchNormalization:batch_normalization_57', 'Conv2D:conv2d_57', 'DarkNetConv2D:dark_net_conv2d_56', 'BatchNormalization:batch_normalization_56', 'Conv2D:conv2d_56', 'DarkNetConv2D:dark_net_conv2d_55', 'BatchNormalization:batch_normalization_55', 'Conv2D:conv2d_55', 'DarkNetConv2D:dark_net_conv2d_54', 'BatchNormalization:batch_normalization_54', 'Conv2D:conv2d_54', 'DarkNetConv2D:dark_net_conv2d_53', 'BatchNormalization:batch_normalization_53', 'Conv2D:conv2d_53', 'DarkNetConv2D:dark_net_conv2d_52', 'BatchNormalization:batch_normalization_52', 'Conv2D:conv2d_52', 'Sequential:sequential_5', 'UpSampling2D:up_sampling2d', 'DarkNetConv2D:dark_net_conv2d_58', 'BatchNormalization:batch_normalization_58', 'Conv2D:conv2d_59', 'YOLOTail:yolo_tail_1', 'Conv2D:conv2d_66', 'DarkNetConv2D:dark_net_conv2d_64', 'BatchNormalization:batch_normalization_64', 'Conv2D:conv2d_65', 'DarkNetConv2D:dark_net_conv2d_63', 'BatchNormalization:batch_normalization_63', 'Conv2D:conv2d_64', 'DarkNetConv2D:dark_net_conv2d_62', 'BatchNormalization:batch_normalization_62', 'Conv2D:conv2d_63', 'DarkNetConv2D:dark_net_conv2d_61', 'BatchNormalization:batch_normalization_61', 'Conv2D:conv2d_62', 'DarkNetConv2D:dark_net_conv2d_60', 'BatchNormalization:batch_normalization_60', 'Conv2D:conv2d_61', 'DarkNetConv2D:dark_net_conv2d_59', 'BatchNormalization:batch_normalization_59', 'Conv2D:conv2d_60', 'Sequential:sequential_6', 'UpSampling2D:up_sampling2d_1', 'DarkNetConv2D:dark_net_conv2d_65', 'BatchNormalization:batch_normalization_65', 'Conv2D:conv2d_67', 'YOLOTail:yolo_tail_2', 'Conv2D:conv2d_74', 'DarkNetConv2D:dark_net_conv2d_71', 'BatchNormalization:batch_normalization_71', 'Conv2D:conv2d_73', 'DarkNetConv2D:dark_net_conv2d_70', 'BatchNormalization:batch_normalization_70', 'Conv2D:conv2d_72', 'DarkNetConv2D:dark_net_conv2d_69', 'BatchNormalization:batch_normalization_69', 'Conv2D:conv2d_71', 'DarkNetConv2D:dark_net_conv2d_68', 'BatchNormalization:batch_normalization_68', 'Conv2D:conv2d_70', 'DarkNetConv2D:dark_net_conv2d_67', 'BatchNormalization:batch_normalization_67', 'Conv2D:conv2d_69', 'DarkNetConv2D:dark_net_conv2d_66', 'BatchNormalization:batch_normalization_66', 'Conv2D:conv2d_68']
after call: count_params() = 62028061, 294 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 294 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dark_net53': 40638496, 'residual_block_22': 5250560, 'dark_net_conv2d_51': 4723712, 'dark_net_conv2d_50': 526848, 'residual_block_21': 5250560, 'dark_net_conv2d_49': 4723712, 'dark_net_conv2d_48': 526848, 'residual_block_20': 5250560, 'dark_net_conv2d_47': 4723712, 'dark_net_conv2d_46': 526848, 'residual_block_19': 5250560, 'dark_net_conv2d_45': 4723712, 'dark_net_conv2d_44': 526848, 'dark_net_conv2d_43': 4723712, 'residual_block_18': 1314560, 'dark_net_conv2d_42': 1182208, 'dark_net_conv2d_41': 132352, 'residual_block_17': 1314560, 'dark_net_conv2d_40': 1182208, 'dark_net_conv2d_39': 132352, 'residual_block_16': 1314560, 'dark_net_conv2d_38': 1182208, 'dark_net_conv2d_37': 132352, 'residual_block_15': 1314560, 'dark_net_conv2d_36': 1182208, 'dark_net_conv2d_35': 132352, 'residual_block_14': 1314560, 'dark_net_conv2d_34': 1182208, 'dark_net_conv2d_33': 132352, 'residual_block_13': 1314560, 'dark_net_conv2d_32': 1182208, 'dark_net_conv2d_31': 132352, 'residual_block_12': 1314560, 'dark_net_conv2d_30': 1182208, 'dark_net_conv2d_29': 132352, 'residual_block_11': 1314560, 'dark_net_conv2d_28': 1182208, 'dark_net_conv2d_27': 132352, 'dark_net_conv2d_26': 1182208, 'residual_block_10': 329600, 'dark_net_conv2d_25': 296192, 'dark_net_conv2d_24': 33408, 'residual_block_9': 329600, 'dark_net_conv2d_23': 296192, 'dark_net_conv2d_22': 33408, 'residual_block_8': 329600, 'dark_net_conv2d_21': 296192, 'dark_net_conv2d_20': 33408, 'residual_block_7': 329600, 'dark_net_conv2d_19': 296192, 'dark_net_conv2d_18': 33408, 'residual_block_6': 329600, 'dark_net_conv2d_17': 296192, 'dark_net_conv2d_16': 33408, 'residual_block_5': 329600, 'dark_net_conv2d_15': 296192, 'dark_net_conv2d_14': 33408, 'residual_block_4': 329600, 'dark_net_conv2d_13': 296192, 'dark_net_conv2d_12': 33408, 'residual_block_3': 329600, 'dark_net_conv2d_11': 296192, 'dark_net_conv2d_10': 33408, 'dark_net_conv2d_9': 296192, 'residual_block_2': 82880, 'dark_net_conv2d_8': 74368, 'dark_net_conv2d_7': 8512, 'residual_block_1': 82880, 'dark_net_conv2d_6': 74368, 'dark_net_conv2d_5': 8512, 'dark_net_conv2d_4': 74368, 'residual_block': 20960, 'dark_net_conv2d_3': 18752, 'dark_net_conv2d_2': 2208, 'dark_net_conv2d_1': 18752, 'dark_net_conv2d': 1024, 'yolo_tail': 16013055, 'dark_net_conv2d_57': 4723712, 'dark_net_conv2d_56': 526848, 'dark_net_conv2d_55': 4723712, 'dark_net_conv2d_54': 526848, 'dark_net_conv2d_53': 4723712, 'dark_net_conv2d_52': 526848, 'dark_net_conv2d_58': 132352, 'yolo_tail_1': 4140031, 'dark_net_conv2d_64': 1182208, 'dark_net_conv2d_63': 132352, 'dark_net_conv2d_62': 1182208, 'dark_net_conv2d_61': 132352, 'dark_net_conv2d_60': 1182208, 'dark_net_conv2d_59': 197888, 'dark_net_conv2d_65': 33408, 'yolo_tail_2': 1070719, 'dark_net_conv2d_71': 296192, 'dark_net_conv2d_70': 33408, 'dark_net_conv2d_69': 296192, 'dark_net_conv2d_68': 33408, 'dark_net_conv2d_67': 296192, 'dark_net_conv2d_66': 49792}
second call: 0 variables watched that the first call did not use
probes/probe_yolo_load.py (same classes): weights saved from a YOLOV3 that was called once, then load_weights() into the model as build_model() returns it (after build() only) raises ValueError: A total of 106 objects could not be loaded. Example error message for object <BatchNormalization name=..., built=False>: ..."""

import tensorflow as tf


class DarkNetConv2D(tf.keras.layers.Layer):
    def __init__(self, filters, kernel_size, strides):
        super(DarkNetConv2D, self).__init__()
        self.conv = tf.keras.layers.Conv2D(filters=filters,
                                           kernel_size=kernel_size,
                                           strides=strides,
                                           padding="same")
        self.bn = tf.keras.layers.BatchNormalization()

    def call(self, inputs, training=None, **kwargs):
        x = self.conv(inputs)
        x = self.bn(x, training=training)
        x = tf.nn.leaky_relu(x, alpha=0.1)
        return x


class ResidualBlock(tf.keras.layers.Layer):
    def __init__(self, filters):
        super(ResidualBlock, self).__init__()
        self.conv1 = DarkNetConv2D(filters=filters, kernel_size=(1, 1), strides=1)
        self.conv2 = DarkNetConv2D(filters=filters * 2, kernel_size=(3, 3), strides=1)

    def call(self, inputs, training=None, **kwargs):
        x = self.conv1(inputs, training=training)
        x = self.conv2(x, training=training)
        x = tf.keras.layers.add([x, inputs])
        return x


def make_residual_block(filters, num_blocks):
    x = tf.keras.Sequential()
    x.add(DarkNetConv2D(filters=2 * filters, kernel_size=(3, 3), strides=2))
    for _ in range(num_blocks):
        x.add(ResidualBlock(filters=filters))
    return x


class DarkNet53(tf.keras.Model):
    def __init__(self):
        super(DarkNet53, self).__init__()
        self.conv1 = DarkNetConv2D(filters=32, kernel_size=(3, 3), strides=1)
        self.block1 = make_residual_block(filters=32, num_blocks=1)
        self.block2 = make_residual_block(filters=64, num_blocks=2)
        self.block3 = make_residual_block(filters=128, num_blocks=8)
        self.block4 = make_residual_block(filters=256, num_blocks=8)
        self.block5 = make_residual_block(filters=512, num_blocks=4)

    def call(self, inputs, training=None, **kwargs):
        x = self.conv1(inputs, training=training)
        x = self.block1(x, training=training)
        x = self.block2(x, training=training)
        output_1 = self.block3(x, training=training)
        output_2 = self.block4(output_1, training=training)
        output_3 = self.block5(output_2, training=training)
        # print(output_1.shape, output_2.shape, output_3.shape)
        return output_3, output_2, output_1


class YOLOTail(tf.keras.layers.Layer):
    def __init__(self, in_channels, out_channels):
        super(YOLOTail, self).__init__()
        self.conv1 = DarkNetConv2D(filters=in_channels, kernel_size=(1, 1), strides=1)
        self.conv2 = DarkNetConv2D(filters=2 * in_channels, kernel_size=(3, 3), strides=1)
        self.conv3 = DarkNetConv2D(filters=in_channels, kernel_size=(1, 1), strides=1)
        self.conv4 = DarkNetConv2D(filters=2 * in_channels, kernel_size=(3, 3), strides=1)
        self.conv5 = DarkNetConv2D(filters=in_channels, kernel_size=(1, 1), strides=1)

        self.conv6 = DarkNetConv2D(filters=2 * in_channels, kernel_size=(3, 3), strides=1)
        self.normal_conv = tf.keras.layers.Conv2D(filters=out_channels,
                                                  kernel_size=(1, 1),
                                                  strides=1,
                                                  padding="same")

    def call(self, inputs, training=None, **kwargs):
        x = self.conv1(inputs, training=training)
        x = self.conv2(x, training=training)
        x = self.conv3(x, training=training)
        x = self.conv4(x, training=training)
        branch = self.conv5(x, training=training)

        stem = self.conv6(branch, training=training)
        stem = self.normal_conv(stem)
        return stem, branch


class YOLOV3(tf.keras.Model):
    def __init__(self, out_channels):
        super(YOLOV3, self).__init__()
        self.darknet = DarkNet53()
        self.tail_1 = YOLOTail(in_channels=512, out_channels=out_channels)
        self.upsampling_1 = self._make_upsampling(num_filter=256)
        self.tail_2 = YOLOTail(in_channels=256, out_channels=out_channels)
        self.upsampling_2 = self._make_upsampling(num_filter=128)
        self.tail_3 = YOLOTail(in_channels=128, out_channels=out_channels)

    def _make_upsampling(self, num_filter):
        layer = tf.keras.Sequential()
        layer.add(DarkNetConv2D(filters=num_filter, kernel_size=(1, 1), strides=1))
        layer.add(tf.keras.layers.UpSampling2D(size=(2, 2)))
        return layer

    def call(self, inputs, training=None, mask=None):
        x_1, x_2, x_3 = self.darknet(inputs, training=training)
        stem_1, branch_1 = self.tail_1(x_1, training=training)
        branch_1 = self.upsampling_1(branch_1, training=training)
        x_2 = tf.keras.layers.concatenate([branch_1, x_2])
        stem_2, branch_2 = self.tail_2(x_2, training=training)
        branch_2 = self.upsampling_2(branch_2, training=training)
        x_3 = tf.keras.layers.concatenate([branch_2, x_3])
        stem_3, _ = self.tail_3(x_3, training=training)

        return [stem_1, stem_2, stem_3]



CATEGORY_NUM = 80
IMAGE_HEIGHT = 64   # 416 in configuration.py
IMAGE_WIDTH = 64    # 416 in configuration.py
CHANNELS = 3


def print_model_summary(network):
    network.build(input_shape=(None, IMAGE_HEIGHT, IMAGE_WIDTH, CHANNELS))
    # network.summary()  (printed in the original; left out here)


def build_model():
    import numpy as np

    net = YOLOV3(out_channels=3 * (CATEGORY_NUM + 5))
    print_model_summary(network=net)
    return net, np.random.default_rng(0).random((2, IMAGE_HEIGHT, IMAGE_WIDTH, CHANNELS)).astype("float32")
