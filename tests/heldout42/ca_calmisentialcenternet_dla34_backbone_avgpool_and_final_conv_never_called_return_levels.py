"""CenterNet_TensorFlow2's DLA-34 backbone (`DLA`, a classification network reused as a detector backbone) creates an `avgpool` and a 1000-class 1x1 `final` conv in `__init__`, but `DLASeg` always builds it with `return_levels=True`, so `call()` returns the level list before reaching them: after the training script's own first call, `final` (a 513k-parameter Conv2D) and `avgpool` are still unbuilt.

From calmisential/CenterNet_TensorFlow2 (a TF 2 CenterNet object detector, 2020), `core/models/dla.py` (added in
commit 7b369d9 "Add backbone dlanet"): `DLA.__init__` makes `base_layer`, `level_0` ... `level_5` (Sequentials and
`Tree`s), then `self.avgpool = AveragePooling2D(...)` and `self.final = Conv2D(filters=num_classes, 1x1)`; `call()`
runs the levels and `if self.return_levels: return y`, using `avgpool`/`final` only in the `else` branch.
`DLASeg.__get_base_block("dla34")` returns `DLA(..., return_levels=True)` (as do dla60/102/169), and DLASeg feeds the
levels to `DLAUp`/`IDAUp` (layers stored with `setattr`/`__setattr__`, tracked by Keras) and the CenterNet heads. So
the classifier head is dead weight of every DLA backbone: `final` is never called, never built, `0 (unbuilt)` in
the summary (LD005; `avgpool` has no weights and is built at construction; the model itself trains, the head is just
never used and would break a weight load that expects it). Secondary, measured: `Tree` makes `project` (1x1 conv + BN)
when channels change and calls it, but when `levels > 1` it passes the result as `residual=` to an inner `Tree`,
whose `call()` ignores that argument, so the projection of level_3 and level_4 gets no gradient (LD009; the PyTorch
DLA reference this ports has the same `Tree.forward(x, residual=None, ...)`). `Tree`'s conditional `downsample`,
`project` and `root` are otherwise created and called under the same conditions.

Porting edits: from `core/models/dla.py` only what dla_34 uses is kept (`BasicBlock`, `Root`, `Tree`, `DLA`,
`Identity`, `IDAUp`, `DLAUp`, `DLASeg`, `dla_34`; `BottleNeck`, `BottleNeckX` and dla_60..169 left out), with
`GroupConv2DTranspose` from `core/models/group_convolution.py` and `CenterNet` from `core/centernet.py`, whose module-level
`backbone_zoo` (which instantiates all 17 backbones at import) is reduced to the one entry used. `Config` keeps the
fields these read (`num_classes = 20`, `heads`, `downsampling_ratio = 4`, `head_conv["dla"] = 256`); the repository's
`image_size` table has no DLA entry, so a 64x64 input is used. build_model() does what `train.py`'s
`print_model_summary` does (`CenterNet()`, then one call on a `(batch, H, W, 3)` random batch with `training=True`)
with a batch of 2, and returns the model with that batch.
"""

SOURCE = "https://github.com/calmisential/CenterNet_TensorFlow2/blob/a30c9b4243c7c5f45a0cf47df655c171dcfef256/core/models/dla.py"
CODES = ("LD005", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/ca_calmisentialcenternet_dla34_backbone_avgpool_and_final_conv_never_called_return_levels.py:
warning: `build()` was called on layer 'dla', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not
as returned: CenterNet, count_params() = 17965128, 971 weights, unbuilt: ['Conv2D:conv2d_39']
after call: count_params() = 17965128, 869 trainable weights, unbuilt: ['Conv2D:conv2d_39']; output dtypes ['float32']
gradient None for 6 of 869 trainable weights: ['center_net/dla_seg/dla/tree_1/sequential_5/conv2d_20/kernel', 'center_net/dla_seg/dla/tree_1/sequential_5/batch_normalization_20/gamma', 'center_net/dla_seg/dla/tree_1/sequential_5/batch_normalization_20/beta', 'center_net/dla_seg/dla/tree_4/sequential_7/conv2d_32/kernel', 'center_net/dla_seg/dla/tree_4/sequential_7/batch_normalization_32/gamma', 'center_net/dla_seg/dla/tree_4/sequential_7/batch_normalization_32/beta']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dla_seg': 17965128, 'dla_up': 2228736, 'ida_up_2': 250368, 'group_conv2d_transpose_5': 1024, 'group_conv2d_transpose_4': 1024, 'group_conv2d_transpose_3': 1024, 'identity_5': 0, 'identity_4': 0, 'ida_up_1': 661504, 'group_conv2d_transpose_2': 2048, 'group_conv2d_transpose_1': 2048, 'identity_3': 0, 'identity_2': 0, 'ida_up': 1316864, 'group_conv2d_transpose': 4096, 'identity_1': 0, 'identity': 0, 'dla': 15287088, 'tree_7': 9056256, 'root_5': 657408, 'basic_block_11': 4722688, 'basic_block_10': 3543040, 'tree_4': 4861952, 'tree_6': 2593792, 'root_4': 230400, 'basic_block_9': 1181696, 'basic_block_8': 1181696, 'tree_5': 2234368, 'root_3': 132096, 'basic_block_7': 1181696, 'basic_block_6': 886784, 'tree_1': 1218560, 'tree_3': 649728, 'root_2': 57856, 'basic_block_5': 295936, 'basic_block_4': 295936, 'tree_2': 560128, 'root_1': 33280, 'basic_block_3': 295936, 'basic_block_2': 222208, 'tree': 140800, 'root': 8448, 'basic_block_1': 74240, 'basic_block': 55808}
second call: 0 variables watched that the first call did not use
probes/probe_dla.py (same classes, after build_model()): DLA.final is conv2d_39 with built False, DLA.avgpool built True (weightless); level_3.project holds conv2d_20 + batch_normalization_20 and level_3.tree1 is a Tree (which ignores residual=)."""

import tensorflow as tf
import numpy as np
from tensorflow.keras import initializers, regularizers, constraints
from tensorflow.keras import activations


class Config:
    batch_size = 8
    image_channels = 3
    num_classes = 20
    backbone_name = "dla_34"
    downsampling_ratio = 4  # efficientdet: 8, others: 4
    heads = {"heatmap": num_classes, "wh": 2, "reg": 2}
    head_conv = {"no_conv_layer": 0, "resnets": 64, "dla": 256}

    @classmethod
    def get_image_size(cls):
        return (64, 64)  # image_size[backbone_name] in the repository, which has no DLA entry


class GroupConv2DTranspose(tf.keras.layers.Layer):
    def __init__(self,
                 input_channels,
                 output_channels,
                 kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 output_padding=None,
                 data_format=None,
                 dilation_rate=(1, 1),
                 activation=None,
                 groups=1,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs
                 ):
        super(GroupConv2DTranspose, self).__init__()

        if not input_channels % groups == 0:
            raise ValueError("The value of input_channels must be divisible by the value of groups.")
        if not output_channels % groups == 0:
            raise ValueError("The value of output_channels must be divisible by the value of groups.")

        self.input_channels = input_channels
        self.output_channels = output_channels
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.output_padding = output_padding
        self.data_format = data_format
        self.dilation_rate = dilation_rate
        self.activation = activation
        self.groups = groups
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.activity_regularizer = activity_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint

        self.group_in_num = input_channels // groups
        self.group_out_num = output_channels // groups
        self.conv_list = []
        for i in range(self.groups):
            self.conv_list.append(tf.keras.layers.Conv2DTranspose(filters=self.group_out_num,
                                                                  kernel_size=kernel_size,
                                                                  strides=strides,
                                                                  padding=padding,
                                                                  output_padding=output_padding,
                                                                  data_format=data_format,
                                                                  dilation_rate=dilation_rate,
                                                                  activation=activations.get(activation),
                                                                  use_bias=use_bias,
                                                                  kernel_initializer=initializers.get(kernel_initializer),
                                                                  bias_initializer=initializers.get(bias_initializer),
                                                                  kernel_regularizer=regularizers.get(kernel_regularizer),
                                                                  bias_regularizer=regularizers.get(bias_regularizer),
                                                                  activity_regularizer=regularizers.get(activity_regularizer),
                                                                  kernel_constraint=constraints.get(kernel_constraint),
                                                                  bias_constraint=constraints.get(bias_constraint),
                                                                  **kwargs))

    def call(self, inputs, **kwargs):
        feature_map_list = []
        for i in range(self.groups):
            x_i = self.conv_list[i](inputs[:, :, :, i*self.group_in_num: (i + 1) * self.group_in_num])
            feature_map_list.append(x_i)
        out = tf.concat(feature_map_list, axis=-1)
        return out

    def get_config(self):
        config = {
            "input_channels": self.input_channels,
            "output_channels": self.output_channels,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "output_padding": self.output_padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "groups": self.groups,
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint)
        }
        base_config = super(GroupConv2DTranspose, self).get_config()
        return {**base_config, **config}


class BasicBlock(tf.keras.layers.Layer):
    def __init__(self, in_channels, out_channels, stride=1):
        super(BasicBlock, self).__init__()
        self.conv1 = tf.keras.layers.Conv2D(filters=out_channels, kernel_size=(3, 3), strides=stride,
                                            padding="same",
                                            use_bias=False)
        self.bn1 = tf.keras.layers.BatchNormalization()
        self.conv2 = tf.keras.layers.Conv2D(filters=out_channels, kernel_size=(3, 3), strides=1,
                                            padding="same",
                                            use_bias=False)
        self.bn2 = tf.keras.layers.BatchNormalization()

    def call(self, inputs, training=None, residual=None, **kwargs):
        if residual is None:
            residual = inputs
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = tf.nn.relu(x)
        x = self.conv2(x)
        x = self.bn2(x, training=training)
        outputs = tf.nn.relu(tf.keras.layers.add([residual, x]))
        return outputs


class Root(tf.keras.layers.Layer):
    def __init__(self, out_channels, residual):
        super(Root, self).__init__()
        self.conv = tf.keras.layers.Conv2D(filters=out_channels, kernel_size=(1, 1), padding="same",
                                           strides=1, use_bias=False)
        self.bn = tf.keras.layers.BatchNormalization()
        self.residual = residual

    def call(self, inputs, training=None, **kwargs):
        x = self.conv(tf.concat(values=inputs, axis=-1))
        x = self.bn(x, training=training)
        if self.residual:
            x = tf.keras.layers.add([x, inputs[0]])
        x = tf.nn.relu(x)
        return x


class Tree(tf.keras.layers.Layer):
    def __init__(self, levels, block, in_channels, out_channels, stride=1,
                 level_root=False, root_dim=0, root_kernel_size=1,
                 root_residual=False):
        super(Tree, self).__init__()
        if root_dim == 0:
            root_dim = 2 * out_channels
        if level_root:
            root_dim += in_channels
        if levels == 1:
            self.tree1 = block(in_channels, out_channels, stride)
            self.tree2 = block(out_channels, out_channels, 1)
        else:
            self.tree1 = Tree(levels - 1, block, in_channels, out_channels,
                              stride, root_dim=0,
                              root_kernel_size=root_kernel_size,
                              root_residual=root_residual)
            self.tree2 = Tree(levels - 1, block, out_channels, out_channels,
                              root_dim=root_dim + out_channels,
                              root_kernel_size=root_kernel_size,
                              root_residual=root_residual)
        if levels == 1:
            self.root = Root(out_channels, root_residual)

        self.level_root = level_root
        self.root_dim = root_dim
        self.downsample = None
        self.project = None
        self.levels = levels

        if stride > 1:
            self.downsample = tf.keras.layers.MaxPool2D(pool_size=stride, strides=stride, padding="same")
        if in_channels != out_channels:
            self.project = tf.keras.Sequential([
                tf.keras.layers.Conv2D(filters=out_channels, kernel_size=(1, 1), strides=1, padding="same",
                                       use_bias=False),
                tf.keras.layers.BatchNormalization()
            ])

    def call(self, inputs, training=None, residual=None, children=None, **kwargs):
        children = [] if children is None else children
        bottom = self.downsample(inputs) if self.downsample else inputs
        residual = self.project(bottom, training=training) if self.project else bottom
        if self.level_root:
            children.append(bottom)
        x1 = self.tree1(inputs, training=training, residual=residual)
        if self.levels == 1:
            x2 = self.tree2(x1, training=training)
            outputs = self.root([x2, x1, *children], training=training)
        else:
            children.append(x1)
            outputs = self.tree2(x1, training=training, children=children)
        return outputs


class DLA(tf.keras.layers.Layer):
    def __init__(self, levels, channels, num_classes=1000, block=BasicBlock,
                 residual_root=False, return_levels=False, pool_size=7):
        super(DLA, self).__init__()
        self.channels = channels
        self.return_levels = return_levels
        self.num_classes = num_classes

        self.base_layer = tf.keras.Sequential([
            tf.keras.layers.Conv2D(filters=channels[0], kernel_size=7, strides=1, padding="same", use_bias=False),
            tf.keras.layers.BatchNormalization(),
            tf.keras.layers.ReLU()
        ])
        self.level_0 = DLA.__make_conv_level(out_channels=channels[0], convs=levels[0])
        self.level_1 = DLA.__make_conv_level(out_channels=channels[1], convs=levels[1], stride=2)
        self.level_2 = Tree(levels=levels[2], block=block, in_channels=channels[1],
                            out_channels=channels[2], stride=2,
                            level_root=False, root_residual=residual_root)
        self.level_3 = Tree(levels=levels[3], block=block, in_channels=channels[2],
                            out_channels=channels[3], stride=2,
                            level_root=True, root_residual=residual_root)
        self.level_4 = Tree(levels=levels[4], block=block, in_channels=channels[3],
                            out_channels=channels[4], stride=2,
                            level_root=True, root_residual=residual_root)
        self.level_5 = Tree(levels=levels[5], block=block, in_channels=channels[4],
                            out_channels=channels[5], stride=2,
                            level_root=True, root_residual=residual_root)

        self.avgpool = tf.keras.layers.AveragePooling2D(pool_size=pool_size)
        self.final = tf.keras.layers.Conv2D(filters=num_classes, kernel_size=(1, 1), strides=1,
                                            padding="same", use_bias=True)

    @staticmethod
    def __make_conv_level(out_channels, convs, stride=1):
        layers = []
        for i in range(convs):
            if i == 0:
                layers.extend([tf.keras.layers.Conv2D(filters=out_channels,
                                                      kernel_size=(3, 3),
                                                      strides=stride,
                                                      padding="same",
                                                      use_bias=False),
                               tf.keras.layers.BatchNormalization(),
                               tf.keras.layers.ReLU()])
            else:
                layers.extend([tf.keras.layers.Conv2D(filters=out_channels,
                                                      kernel_size=(3, 3),
                                                      strides=1,
                                                      padding="same",
                                                      use_bias=False),
                               tf.keras.layers.BatchNormalization(),
                               tf.keras.layers.ReLU()])
        return tf.keras.Sequential(layers)

    def call(self, inputs, training=None, **kwargs):
        y = []
        x = self.base_layer(inputs, training=training)

        x = self.level_0(x, training=training)
        y.append(x)
        x = self.level_1(x, training=training)
        y.append(x)
        x = self.level_2(x, training=training)
        y.append(x)
        x = self.level_3(x, training=training)
        y.append(x)
        x = self.level_4(x, training=training)
        y.append(x)
        x = self.level_5(x, training=training)
        y.append(x)

        if self.return_levels:
            return y
        else:
            x = self.avgpool(x)
            x = self.final(x)
            x = tf.reshape(x, (x.shape[0], -1))
            return x


class Identity(tf.keras.layers.Layer):
    def __init__(self):
        super(Identity, self).__init__()

    def call(self, inputs, **kwargs):
        return inputs


class IDAUp(tf.keras.layers.Layer):
    def __init__(self, node_kernel, out_dim, channels, up_factors):
        super(IDAUp, self).__init__()
        self.channels = channels
        self.out_dim = out_dim
        for i, c in enumerate(channels):
            if c == out_dim:
                proj = Identity()
            else:
                proj = tf.keras.Sequential([
                    tf.keras.layers.Conv2D(filters=out_dim, kernel_size=(1, 1), strides=1, padding="same",
                                           use_bias=False),
                    tf.keras.layers.BatchNormalization(),
                    tf.keras.layers.ReLU()
                ])
            f = int(up_factors[i])
            if f == 1:
                up = Identity()
            else:
                up = GroupConv2DTranspose(input_channels=out_dim, output_channels=out_dim, kernel_size=f * 2,
                                          strides=f, padding="same", groups=out_dim, use_bias=False)
            setattr(self, "proj_" + str(i), proj)
            setattr(self, "up_" + str(i), up)

        for i in range(1, len(channels)):
            node = tf.keras.Sequential([
                tf.keras.layers.Conv2D(filters=out_dim, kernel_size=node_kernel, strides=1,
                                       padding="same", use_bias=False),
                tf.keras.layers.BatchNormalization(),
                tf.keras.layers.ReLU()
            ])
            setattr(self, "node_" + str(i), node)

    def call(self, inputs, training=None, **kwargs):
        layers = list(inputs)
        for i, l in enumerate(layers):
            upsample = getattr(self, "up_" + str(i))
            project = getattr(self, "proj_" + str(i))
            layers[i] = upsample(project(l, training=training))
        x = layers[0]
        y = []
        for i in range(1, len(layers)):
            node = getattr(self, "node_" + str(i))
            x = node(tf.concat([x, layers[i]], -1))
            y.append(x)
        return x, y


class DLAUp(tf.keras.layers.Layer):
    def __init__(self, channels, scales=(1, 2, 4, 8, 16), in_channels=None):
        super(DLAUp, self).__init__()
        if in_channels is None:
            in_channels = channels
        self.channels = channels
        channels = list(channels)
        scales = np.array(scales, dtype=np.int32)
        for i in range(len(channels) - 1):
            j = -i - 2
            setattr(self, 'ida_{}'.format(i),
                    IDAUp(3, channels[j], in_channels[j:],
                          scales[j:] // scales[j]))
            scales[j + 1:] = scales[j]
            in_channels[j + 1:] = [channels[j] for _ in channels[j + 1:]]

    def call(self, inputs, training=None, **kwargs):
        layers = list(inputs)
        assert len(layers) > 1
        for i in range(len(layers) - 1):
            ida = getattr(self, 'ida_{}'.format(i))
            x, y = ida(layers[-i - 2:], training=training)
            layers[-i - 1:] = y
        return x


class DLASeg(tf.keras.layers.Layer):
    def __init__(self, base_name, heads, down_ratio=4, head_conv=256):
        super(DLASeg, self).__init__()
        self.heads = heads
        self.first_level = int(np.log2(down_ratio))
        self.base = DLASeg.__get_base_block(base_name)
        channels = self.base.channels
        scales = [2 ** i for i in range(len(channels[self.first_level:]))]
        self.dla_up = DLAUp(channels[self.first_level:], scales=scales)
        for head in self.heads:
            classes = self.heads[head]
            if head_conv > 0:
                fc = tf.keras.Sequential([
                    tf.keras.layers.Conv2D(filters=head_conv, kernel_size=(3, 3), strides=1,
                                           padding="same", use_bias=True),
                    tf.keras.layers.ReLU(),
                    tf.keras.layers.Conv2D(filters=classes, kernel_size=(1, 1), strides=1,
                                           padding="same", use_bias=True)
                ])
            else:
                fc = tf.keras.layers.Conv2D(filters=classes, kernel_size=(1, 1), strides=1,
                                            padding="same", use_bias=True)
            self.__setattr__(head, fc)


    @staticmethod
    def __get_base_block(base_name):
        if base_name == "dla34":
            return DLA(levels=[1, 1, 1, 2, 2, 1], channels=[16, 32, 64, 128, 256, 512], block=BasicBlock,
                       return_levels=True)
        elif base_name == "dla60":
            return DLA(levels=[1, 1, 1, 2, 3, 1], channels=[16, 32, 128, 256, 512, 1024], block=BottleNeck,
                       return_levels=True)
        elif base_name == "dla102":
            return DLA(levels=[1, 1, 1, 3, 4, 1], channels=[16, 32, 128, 256, 512, 1024], block=BottleNeck,
                       residual_root=True, return_levels=True)
        elif base_name == "dla169":
            return DLA(levels=[1, 1, 2, 3, 5, 1], channels=[16, 32, 128, 256, 512, 1024], block=BottleNeck,
                       residual_root=True, return_levels=True)
        else:
            raise ValueError("The 'base_name' is invalid.")

    def call(self, inputs, training=None, **kwargs):
        x = self.base(inputs, training=training)
        x = self.dla_up(x[self.first_level:], training=training)
        outputs = []
        for head in self.heads:
            outputs.append(self.__getattribute__(head)(x, training=training))
        return outputs


def dla_34():
    return DLASeg(base_name="dla34", heads=Config.heads, down_ratio=Config.downsampling_ratio,
                  head_conv=Config.head_conv["dla"])


backbone_zoo = {"dla_34": dla_34()}


class CenterNet(tf.keras.Model):
    def __init__(self):
        super(CenterNet, self).__init__()
        self.backbone = backbone_zoo[Config.backbone_name]

    def call(self, inputs, training=None, mask=None):
        x = self.backbone(inputs, training=training)
        x = tf.concat(values=x, axis=-1)
        return x


def build_model():
    centernet = CenterNet()
    # train.py: print_model_summary(centernet)
    sample_inputs = tf.random.normal(shape=(2, Config.get_image_size()[0], Config.get_image_size()[1], Config.image_channels))
    sample_outputs = centernet(sample_inputs, training=True)
    return centernet, sample_inputs.numpy()
