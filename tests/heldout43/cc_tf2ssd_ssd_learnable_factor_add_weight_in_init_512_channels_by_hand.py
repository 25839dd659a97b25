"""TensorFlow2.0_SSD's `SSD` model creates the learnable L2-normalisation scale of its first detection branch in
`__init__` with the channel count typed by hand (LD004): `self.learnable_factor = self.add_weight(shape=(1, 1, 1,
512), ...)`, where 512 is the width that `ResNet50`'s `layer2` happens to produce (`filter_num=128` times the
bottleneck expansion 4). It works with that backbone, but the weight exists before the model has seen an input and
does not follow the backbone: with any other width of `branch_1` the multiplication fails with a broadcasting error
inside `call()`.

From calmisential/TensorFlow2.0_SSD (SSD single-shot object detection on PASCAL VOC in TF 2), `core/ssd.py` at 25c7699
(HEAD, 2020-07-11, "Fix"), with `core/models/resnet.py` of the same commit. `SSD(tf.keras.Model)` takes
`branch_1, x = self.backbone(inputs)`, multiplies `tf.math.l2_normalize(branch_1, axis=-1)` by `learnable_factor`
(the ParseNet-style conv4_3 normalisation of the SSD paper) and predicts boxes and classes from six branches.

Porting edits: `from configuration import NUM_CLASSES, ASPECT_RATIOS` is replaced by the two values from the
repository's `configuration.py` (21 classes: the 20 VOC classes + background; its six aspect-ratio lists); the
`ssd_prediction` helper is left out. The repository's `train.py` first calls its `print_model_summary(network)`
(`network.build(input_shape=(None, 300, 300, 3))`, then `summary()`); build_model() returns the model unbuilt with a
batch of two 300x300 RGB images instead, so that the first call builds it.
"""

SOURCE = "https://github.com/calmisential/TensorFlow2.0_SSD/blob/25c76990271ac69ae1bf16fa749b16d9c4ac71ba/core/ssd.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/cc_tf2ssd_ssd_learnable_factor_add_weight_in_init_512_channels_by_hand.py:
as returned: SSD, count_params() = count_params() raised ValueError, 1 weights, unbuilt: [148 layers: every sublayer, 'ResNet50:res_net50', 'Sequential:sequential_9', 'BottleNeck:bottle_neck_12', ... 'Conv2D:conv2d_64'] (the model has not been called yet)
after call: count_params() = 20258926, 237 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 237 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'res_net50': 14785408, 'bottle_neck_12': 2175488, 'bottle_neck_11': 2175488, 'bottle_neck_10': 2175488, 'bottle_neck_9': 2175488, 'bottle_neck_8': 2175488, 'bottle_neck_7': 1520128, 'bottle_neck_6': 547072, 'bottle_neck_5': 547072, 'bottle_neck_4': 547072, 'bottle_neck_3': 383232, 'bottle_neck_2': 138368, 'bottle_neck_1': 138368, 'bottle_neck': 76928}
second call: 0 variables watched that the first call did not use
(With ResNet50's 512-channel layer2 the typed width matches, so the model works: 237 weights, all with gradients; the six heads give (1,38,38,100) ... (1,1,1,100) on one image, no warning.) probe_ssd.py: a fresh SSD() already owns ssd/variable of shape (1, 1, 1, 512) (learnable_factor) before seeing an input; with a narrower conv4_3-level stage (layer2 = make_bottleneck_layer(filter_num=96, ...), 384 channels) the first call raises InvalidArgumentError 'Incompatible shapes: [1,38,38,384] vs. [1,1,1,512] [Op:Mul]' inside SSD.call (during that failing call Keras also warns that res_net50 has no build() method and looks like it has unbuilt state)."""

import numpy as np
import tensorflow as tf

# configuration.py
OBJECT_CLASSES = {"person": 1, "bird": 2, "cat": 3, "cow": 4, "dog": 5, "horse": 6, "sheep": 7, "aeroplane": 8,
                  "bicycle": 9, "boat": 10, "bus": 11, "car": 12, "motorbike": 13, "train": 14, "bottle": 15,
                  "chair": 16, "diningtable": 17, "pottedplant": 18, "sofa": 19, "tvmonitor": 20}
NUM_CLASSES = len(OBJECT_CLASSES) + 1
ASPECT_RATIOS = [[1.0, 2.0, 0.5],
                 [1.0, 2.0, 0.5, 3.0, 1.0 / 3.0],
                 [1.0, 2.0, 0.5, 3.0, 1.0 / 3.0],
                 [1.0, 2.0, 0.5, 3.0, 1.0 / 3.0],
                 [1.0, 2.0, 0.5],
                 [1.0, 2.0, 0.5]]


# core/models/resnet.py
class BottleNeck(tf.keras.layers.Layer):
    def __init__(self, filter_num, stride=1):
        super(BottleNeck, self).__init__()
        self.conv1 = tf.keras.layers.Conv2D(filters=filter_num,
                                            kernel_size=(1, 1),
                                            strides=1,
                                            padding='same')
        self.bn1 = tf.keras.layers.BatchNormalization()
        self.conv2 = tf.keras.layers.Conv2D(filters=filter_num,
                                            kernel_size=(3, 3),
                                            strides=stride,
                                            padding='same')
        self.bn2 = tf.keras.layers.BatchNormalization()
        self.conv3 = tf.keras.layers.Conv2D(filters=filter_num * 4,
                                            kernel_size=(1, 1),
                                            strides=1,
                                            padding='same')
        self.bn3 = tf.keras.layers.BatchNormalization()

        self.downsample = tf.keras.Sequential()
        self.downsample.add(tf.keras.layers.Conv2D(filters=filter_num * 4,
                                                   kernel_size=(1, 1),
                                                   strides=stride))
        self.downsample.add(tf.keras.layers.BatchNormalization())

    def call(self, inputs, training=None, **kwargs):
        residual = self.downsample(inputs)

        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = tf.nn.relu(x)
        x = self.conv2(x)
        x = self.bn2(x, training=training)
        x = tf.nn.relu(x)
        x = self.conv3(x)
        x = self.bn3(x, training=training)

        output = tf.nn.relu(tf.keras.layers.add([residual, x]))

        return output


def make_bottleneck_layer(filter_num, blocks, stride=1):
    res_block = tf.keras.Sequential()
    res_block.add(BottleNeck(filter_num, stride=stride))

    for _ in range(1, blocks):
        res_block.add(BottleNeck(filter_num, stride=1))

    return res_block


class ResNet50(tf.keras.layers.Layer):
    def __init__(self):
        super(ResNet50, self).__init__()
        self.conv1 = tf.keras.layers.Conv2D(filters=64,
                                            kernel_size=(7, 7),
                                            strides=2,
                                            padding="same")
        self.bn1 = tf.keras.layers.BatchNormalization()
        self.pool1 = tf.keras.layers.MaxPool2D(pool_size=(3, 3),
                                               strides=2,
                                               padding="same")

        self.layer1 = make_bottleneck_layer(filter_num=64,
                                            blocks=3)
        self.layer2 = make_bottleneck_layer(filter_num=128,
                                            blocks=4,
                                            stride=2)
        self.layer3 = make_bottleneck_layer(filter_num=256,
                                            blocks=6,
                                            stride=2)

    def call(self, inputs, training=None, **kwargs):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = tf.nn.relu(x)
        x = self.pool1(x)
        x = self.layer1(x, training=training)
        branch_1 = self.layer2(x, training=training)
        branch_2 = self.layer3(branch_1, training=training)

        # branch_1 shape: (N, 38, 38, 512), N is the batch size
        # branch_2 shape: (N, 19, 19, 1024), N is the batch size
        return branch_1, branch_2


# core/ssd.py
class SSD(tf.keras.Model):
    def __init__(self):
        super(SSD, self).__init__()
        self.num_classes = NUM_CLASSES
        self.anchor_ratios = ASPECT_RATIOS

        self.backbone = ResNet50()
        self.learnable_factor = self.add_weight(shape=(1, 1, 1, 512), dtype=tf.float32, initializer=tf.keras.initializers.Ones(), trainable=True)
        # self.conv1 = tf.keras.layers.Conv2D(filters=1024, kernel_size=(1, 1), strides=1, padding="same")
        self.conv2_1 = tf.keras.layers.Conv2D(filters=256, kernel_size=(1, 1), strides=1, padding="same")
        self.conv2_2 = tf.keras.layers.Conv2D(filters=512, kernel_size=(3, 3), strides=2, padding="same")
        self.conv3_1 = tf.keras.layers.Conv2D(filters=128, kernel_size=(1, 1), strides=1, padding="same")
        self.conv3_2 = tf.keras.layers.Conv2D(filters=256, kernel_size=(3, 3), strides=2, padding="same")
        self.conv4_1 = tf.keras.layers.Conv2D(filters=128, kernel_size=(1, 1), strides=1, padding="same")
        self.conv4_2 = tf.keras.layers.Conv2D(filters=256, kernel_size=(3, 3), strides=2, padding="same")
        self.pool = tf.keras.layers.GlobalAveragePooling2D()

        self.predict_1 = self._predict_layer(k=self._get_k(i=0))
        self.predict_2 = self._predict_layer(k=self._get_k(i=1))
        self.predict_3 = self._predict_layer(k=self._get_k(i=2))
        self.predict_4 = self._predict_layer(k=self._get_k(i=3))
        self.predict_5 = self._predict_layer(k=self._get_k(i=4))
        self.predict_6 = self._predict_layer(k=self._get_k(i=5))

    def _predict_layer(self, k):
        filter_num = k * (self.num_classes + 4)
        return tf.keras.layers.Conv2D(filters=filter_num, kernel_size=(3, 3), strides=1, padding="same")

    def _get_k(self, i):
        # k is the number of boxes generated at each position of the feature map.
        return len(self.anchor_ratios[i]) + 1

    def call(self, inputs, training=None, mask=None):
        branch_1, x = self.backbone(inputs, training=training)
        branch_1 = tf.math.l2_normalize(x=branch_1, axis=-1, epsilon=1e-12) * self.learnable_factor
        predict_1 = self.predict_1(branch_1)

        # x = self.conv1(x)
        branch_2 = x
        predict_2 = self.predict_2(branch_2)

        x = tf.nn.relu(self.conv2_1(x))
        x = tf.nn.relu(self.conv2_2(x))
        branch_3 = x
        predict_3 = self.predict_3(branch_3)

        x = tf.nn.relu(self.conv3_1(x))
        x = tf.nn.relu(self.conv3_2(x))
        branch_4 = x
        predict_4 = self.predict_4(branch_4)

        x = tf.nn.relu(self.conv4_1(x))
        x = tf.nn.relu(self.conv4_2(x))
        branch_5 = x
        predict_5 = self.predict_5(branch_5)

        branch_6 = self.pool(x)
        branch_6 = tf.expand_dims(input=branch_6, axis=1)
        branch_6 = tf.expand_dims(input=branch_6, axis=2)
        predict_6 = self.predict_6(branch_6)

        # predict_i shape : (batch_size, h, w, k * (c+4)), where c is self.num_classes.
        # h == w == [38, 19, 10, 5, 3, 1] for predict_i (i: 1~6)
        return [predict_1, predict_2, predict_3, predict_4, predict_5, predict_6]


def build_model():
    ssd = SSD()
    images = np.random.default_rng(0).random((2, 300, 300, 3)).astype("float32")
    return ssd, images
