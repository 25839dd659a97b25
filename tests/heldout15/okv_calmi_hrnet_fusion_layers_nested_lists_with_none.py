"""HRNet for human pose estimation whose multi-resolution fusion layers live in a list of lists
holding `None` on the diagonal, whose transitions are lists with `None` for unchanged branches,
and whose residual blocks use `self.downsample = lambda x: x` - all correct on Keras 3.

`HighResolutionModule.__make_fusion_layers()` fills each inner list `fusion_layer` with
Sequential up-/down-sampling blocks (and `None` where i == j) *before* appending it to the outer
list, and `call()` skips exactly the `None` entries; `HRNet.__make_transition_layer()` returns a
list with `None` where the channel count is unchanged and `call()` tests `is not None`. The stages
are Sequentials of `HighResolutionModule`s fed with lists of branch tensors. Keras 3 tracks the
nested lists (filled before they are attached), the identity lambda holds no state, and every
convolution and batch-norm weight is built and gets a gradient.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.nn.relu`, `keras.layers.add`); the COCO W32
config replaced by an inline one with channels [4, 8] / [4, 8, 16] / [4, 8, 16, 32], one module
and one block per branch, stem filters 8, bottleneck filters 8; the `print(type(_))` debugging loop
in `HRNet.call` removed; `resnet_module.py` inlined.
"""

SOURCE = "https://github.com/calmiLovesAI/HRNet_Pose_Estimation_TensorFlow2/blob/30e1efda0f883bd521944901f293f556f6baf478/core/hrnet.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py okv_calmi_hrnet_fusion_layers_nested_lists_with_none.py:
as returned: HRNet, count_params() raised ValueError, 0 weights (a subclassed model: nothing built before the first call)
after call: count_params() = 48127, 140 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 140 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bottle_neck': 1472, 'high_resolution_module': 1928, 'high_resolution_module_1': 8952, 'high_resolution_module_2': 25352, basic blocks 328 .. 18752}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15b/fit1.py): compile sgd/mse and one fit epoch run clean.
(With a 64x48 image instead of 64x64 the fusion additions fail on a 16x12 vs 16x16 shape: HRNet needs sizes divisible by 32.)"""

import keras
import tensorflow as tf


class BasicBlock(keras.layers.Layer):
    def __init__(self, filter_num, stride=1):
        super(BasicBlock, self).__init__()
        self.conv1 = keras.layers.Conv2D(filters=filter_num, kernel_size=(3, 3), strides=stride, padding="same")
        self.bn1 = keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)
        self.conv2 = keras.layers.Conv2D(filters=filter_num, kernel_size=(3, 3), strides=1, padding="same")
        self.bn2 = keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)
        if stride != 1:
            self.downsample = keras.Sequential()
            self.downsample.add(keras.layers.Conv2D(filters=filter_num, kernel_size=(1, 1), strides=stride, padding="same"))
            self.downsample.add(keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5))
        else:
            self.downsample = lambda x: x

    def call(self, inputs, training=None, **kwargs):
        residual = self.downsample(inputs)

        conv1 = self.conv1(inputs)
        bn1 = self.bn1(conv1, training=training)
        relu = tf.nn.relu(bn1)
        conv2 = self.conv2(relu)
        bn2 = self.bn2(conv2, training=training)

        output = tf.nn.relu(keras.layers.add([residual, bn2]))

        return output


class BottleNeck(keras.layers.Layer):
    def __init__(self, filter_num, stride=1):
        super(BottleNeck, self).__init__()
        self.conv1 = keras.layers.Conv2D(filters=filter_num, kernel_size=(1, 1), strides=1, padding="same", use_bias=False)
        self.bn1 = keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)
        self.conv2 = keras.layers.Conv2D(filters=filter_num, kernel_size=(3, 3), strides=stride, padding="same", use_bias=False)
        self.bn2 = keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)
        self.conv3 = keras.layers.Conv2D(filters=filter_num * 4, kernel_size=(1, 1), strides=1, padding='same', use_bias=False)
        self.bn3 = keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)

        self.downsample = keras.Sequential()
        self.downsample.add(keras.layers.Conv2D(filters=filter_num * 4, kernel_size=(1, 1), strides=stride, padding="same", use_bias=False))
        self.downsample.add(keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5))

    def call(self, inputs, training=None, **kwargs):
        residual = self.downsample(inputs)

        conv1 = self.conv1(inputs)
        bn1 = self.bn1(conv1, training=training)
        relu1 = tf.nn.relu(bn1)
        conv2 = self.conv2(relu1)
        bn2 = self.bn2(conv2, training=training)
        relu2 = tf.nn.relu(bn2)
        conv3 = self.conv3(relu2)
        bn3 = self.bn3(conv3, training=training)

        output = tf.nn.relu(keras.layers.add([residual, bn3]))

        return output


def make_basic_layer(filter_num, blocks, stride=1):
    res_block = keras.Sequential()
    res_block.add(BasicBlock(filter_num, stride=stride))

    for _ in range(1, blocks):
        res_block.add(BasicBlock(filter_num, stride=1))

    return res_block


def make_bottleneck_layer(filter_num, blocks, stride=1):
    res_block = keras.Sequential()
    res_block.add(BottleNeck(filter_num, stride=stride))

    for _ in range(1, blocks):
        res_block.add(BottleNeck(filter_num, stride=1))

    return res_block


class TinyConfig:
    num_of_joints = 3
    conv3_kernel = 3
    stages = {
        "s2": [[4, 8], 2, 1, "BASIC", [1, 1], "sum"],
        "s3": [[4, 8, 16], 3, 1, "BASIC", [1, 1, 1], "sum"],
        "s4": [[4, 8, 16, 32], 4, 1, "BASIC", [1, 1, 1, 1], "sum"],
    }

    def get_stage(self, stage_name):
        return self.stages[stage_name]


class HighResolutionModule(keras.layers.Layer):
    def __init__(self, num_branches, num_in_channels, num_channels, block, num_blocks, fusion_method, multi_scale_output=True):
        super(HighResolutionModule, self).__init__()
        self.num_branches = num_branches
        self.num_in_channels = num_in_channels
        self.fusion_method = fusion_method
        self.multi_scale_output = multi_scale_output
        self.branches = self.__make_branches(num_channels, block, num_blocks)
        self.fusion_layer = self.__make_fusion_layers()

    def get_output_channels(self):
        return self.num_in_channels

    def __make_branches(self, num_channels, block, num_blocks):
        branch_layers = []
        for i in range(self.num_branches):
            branch_layers.append(self.__make_one_branch(block, num_blocks[i], num_channels[i]))
        return branch_layers

    def __make_one_branch(self, block, num_blocks, num_channels, stride=1):
        if block == "BASIC":
            return make_basic_layer(filter_num=num_channels, blocks=num_blocks, stride=stride)
        elif block == "BOTTLENECK":
            return make_bottleneck_layer(filter_num=num_channels, blocks=num_blocks, stride=stride)

    def __make_fusion_layers(self):
        if self.num_branches == 1:
            return None

        fusion_layers = []
        for i in range(self.num_branches if self.multi_scale_output else 1):
            fusion_layer = []
            for j in range(self.num_branches):
                if j > i:
                    fusion_layer.append(
                        keras.Sequential([
                            keras.layers.Conv2D(filters=self.num_in_channels[i], kernel_size=(1, 1), strides=1, padding="same", use_bias=False),
                            keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5),
                            keras.layers.UpSampling2D(size=2**(j-i))
                        ])
                    )
                elif j == i:
                    fusion_layer.append(None)
                else:
                    down_sample = []
                    for k in range(i - j):
                        if k == i - j - 1:
                            downsample_out_channels = self.num_in_channels[i]
                            down_sample.append(
                                keras.Sequential([
                                    keras.layers.Conv2D(filters=downsample_out_channels, kernel_size=(3, 3),
                                                        strides=2, padding="same", use_bias=False),
                                    keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)
                                ])
                            )
                        else:
                            downsample_out_channels = self.num_in_channels[j]
                            down_sample.append(
                                keras.Sequential([
                                    keras.layers.Conv2D(filters=downsample_out_channels, kernel_size=(3, 3),
                                                        strides=2, padding="same", use_bias=False),
                                    keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5),
                                    keras.layers.ReLU()
                                ])
                            )
                    fusion_layer.append(keras.Sequential(down_sample))
            fusion_layers.append(fusion_layer)
        return fusion_layers

    def call(self, inputs, training=None, **kwargs):
        if self.num_branches == 1:
            return [self.branches[0](inputs[0], training=training)]

        for i in range(self.num_branches):
            inputs[i] = self.branches[i](inputs[i], training=training)
        x = inputs
        x_fusion = []

        for i in range(len(self.fusion_layer)):
            y = x[0] if i == 0 else self.fusion_layer[i][0](x[0], training=training)
            for j in range(1, self.num_branches):
                if i == j:
                    y = y + x[j]
                else:
                    y = y + self.fusion_layer[i][j](x[j], training=training)
            x_fusion.append(tf.nn.relu(y))
        return x_fusion


class HRNet(keras.Model):
    def __init__(self, config_name):
        super(HRNet, self).__init__()
        self.config_params = self.__choose_config(config_name)
        self.conv1 = keras.layers.Conv2D(filters=8, kernel_size=(3, 3), strides=2, padding="same", use_bias=False)
        self.bn1 = keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)
        self.conv2 = keras.layers.Conv2D(filters=8, kernel_size=(3, 3), strides=2, padding="same", use_bias=False)
        self.bn2 = keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5)
        self.layer1 = make_bottleneck_layer(filter_num=8, blocks=1)
        self.transition1 = self.__make_transition_layer(previous_branches_num=1,
                                                        previous_channels=[32],
                                                        current_branches_num=self.config_params.get_stage("s2")[1],
                                                        current_channels=self.config_params.get_stage("s2")[0])
        self.stage2 = self.__make_stages("s2", self.config_params.get_stage("s2")[0])
        self.transition2 = self.__make_transition_layer(previous_branches_num=self.config_params.get_stage("s2")[1],
                                                        previous_channels=self.config_params.get_stage("s2")[0],
                                                        current_branches_num=self.config_params.get_stage("s3")[1],
                                                        current_channels=self.config_params.get_stage("s3")[0])
        self.stage3 = self.__make_stages("s3", self.config_params.get_stage("s3")[0])
        self.transition3 = self.__make_transition_layer(previous_branches_num=self.config_params.get_stage("s3")[1],
                                                        previous_channels=self.config_params.get_stage("s3")[0],
                                                        current_branches_num=self.config_params.get_stage("s4")[1],
                                                        current_channels=self.config_params.get_stage("s4")[0])
        self.stage4 = self.__make_stages("s4", self.config_params.get_stage("s4")[0], False)
        self.conv3 = keras.layers.Conv2D(filters=self.config_params.num_of_joints,
                                         kernel_size=self.config_params.conv3_kernel,
                                         strides=1,
                                         padding="same")

    def __choose_config(self, config_name):
        if config_name == "tiny":
            config_params = TinyConfig()
            return config_params
        else:
            raise ValueError("Invalid config_name.")

    def __make_stages(self, stage_name, in_channels, multi_scale_output=True):
        stage_info = self.config_params.get_stage(stage_name)
        channels, num_branches, num_modules, block, num_blocks, fusion_method = stage_info
        module_list = []
        for i in range(num_modules):
            if not multi_scale_output and i == num_modules - 1:
                reset_multi_scale_output = False
            else:
                reset_multi_scale_output = True
            module_list.append(HighResolutionModule(num_branches=num_branches,
                                                    num_in_channels=in_channels,
                                                    num_channels=channels,
                                                    block=block,
                                                    num_blocks=num_blocks,
                                                    fusion_method=fusion_method,
                                                    multi_scale_output=reset_multi_scale_output))
        return keras.Sequential(module_list)

    def __make_transition_layer(self, previous_branches_num, previous_channels, current_branches_num, current_channels):
        transition_layers = []
        for i in range(current_branches_num):
            if i < previous_branches_num:
                if current_channels[i] != previous_channels[i]:
                    transition_layers.append(
                        keras.Sequential([
                            keras.layers.Conv2D(filters=current_channels[i], kernel_size=(3, 3), strides=1, padding="same", use_bias=False),
                            keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5),
                            keras.layers.ReLU()
                        ])
                    )
                else:
                    transition_layers.append(None)
            else:
                down_sampling_layers = []
                for j in range(i + 1 - previous_branches_num):
                    in_channels = previous_channels[-1],
                    out_channels = current_channels[i] if j == i - previous_branches_num else in_channels
                    down_sampling_layers.append(
                        keras.Sequential([
                            keras.layers.Conv2D(filters=out_channels, kernel_size=(3, 3), strides=2,
                                                padding="same", use_bias=False),
                            keras.layers.BatchNormalization(momentum=0.1, epsilon=1e-5),
                            keras.layers.ReLU()
                        ])
                    )
                transition_layers.append(keras.Sequential(down_sampling_layers))
        return transition_layers

    def call(self, inputs, training=None, mask=None):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = tf.nn.relu(x)
        x = self.conv2(x)
        x = self.bn2(x, training=training)
        x = tf.nn.relu(x)
        x = self.layer1(x, training=training)

        feature_list = []
        for i in range(self.config_params.get_stage("s2")[1]):
            if self.transition1[i] is not None:
                feature_list.append(self.transition1[i](x, training=training))
            else:
                feature_list.append(x)
        y_list = self.stage2(feature_list, training=training)

        feature_list = []
        for i in range(self.config_params.get_stage("s3")[1]):
            if self.transition2[i] is not None:
                feature_list.append(self.transition2[i](y_list[-1], training=training))
            else:
                feature_list.append(y_list[i])
        y_list = self.stage3(feature_list, training=training)

        feature_list = []
        for i in range(self.config_params.get_stage("s4")[1]):
            if self.transition3[i] is not None:
                feature_list.append(self.transition3[i](y_list[-1], training=training))
            else:
                feature_list.append(y_list[i])

        y_list = self.stage4(feature_list, training=training)

        outputs = self.conv3(y_list[0])

        return outputs


def build_model():
    import numpy as np

    model = HRNet("tiny")
    images = np.random.default_rng(0).random((2, 64, 64, 3)).astype("float32")
    return model, images
