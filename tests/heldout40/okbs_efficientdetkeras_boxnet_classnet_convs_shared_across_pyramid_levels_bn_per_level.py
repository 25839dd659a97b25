"""bubbliiiing's EfficientDet keeps BoxNet/ClassNet as plain Python classes whose SeparableConv2D stack and prediction
conv are called on all five pyramid levels (64x64 down to 4x4) while each level gets its own BatchNormalization
(`self.bns[i][level]`): the EfficientDet design, intended sharing across inputs of different spatial shapes,
every weight tracked and trained (correct look-alike of LD008/LD007, and of LD011 for the plain holder class).

From bubbliiiing/efficientdet-keras, `nets/efficientdet.py`. `BoxNet.__init__`/`ClassNet.__init__` make
`self.convs = [SeparableConv2D(width, ...) for i in range(depth)]`, one `self.head`, and
`self.bns = [[BatchNormalization(...) for j in range(3, 8)] for i in range(depth)]`; `call([feature, level])` runs
`convs[i]` then `bns[i][level]` then a swish `Lambda`, then the head and a Reshape. `efficientdet()` builds one
BoxNet and one ClassNet and calls them as `class_net.call([feature, i]) for i, feature in enumerate(fpn_features)`,
then concatenates the five levels. The shared convs see 64-channel maps of five sizes: a conv's kernel depends only
on the channel count, so the shapes fit; only the normalisation statistics are per level.

Porting edits: Keras 3 forbids "/" in layer names, so `f'{self.name}/box-{i}'` etc. become `f'{self.name}_box-{i}'`.
The EfficientNet backbone and BiFPN (`build_wBiFPN`, several hundred lines) are replaced by five `Input`s with the
D0 pyramid shapes the file documents (P3 64x64x64 ... P7 4x4x64); `MOMENTUM`/`EPSILON` come from the repo's
`nets/efficientnet.py` (0.99, 1e-3). build_model() wires the heads exactly as `efficientdet()` does for phi=0
(width 64, depth 3, 20 classes, 9 anchors) and returns the model with its five pyramid inputs.
"""

SOURCE = "https://github.com/bubbliiiing/efficientdet-keras/blob/16a5139bad0ebdbff704c00b942d19238db1ead3/nets/efficientdet.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/okbs_efficientdetkeras_boxnet_classnet_convs_shared_across_pyramid_levels_bn_per_level.py:
as returned: Functional, count_params() = 51288, 144 weights, unbuilt: none
after call: count_params() = 51288, 84 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 84 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(arithmetic: BoxNet = 3 shared SeparableConv2D 3*4736 + head 2916 + 15 BNs 15*256 = 20964; ClassNet = 14208 + head
12276 + 3840 = 30324; total 51288: the convs are counted once for five levels, the 30 BatchNormalizations once
each; no warning or exception printed.)"""

import math

import keras
import numpy as np
import tensorflow as tf
from keras import initializers, layers, models

MOMENTUM = 0.99
EPSILON = 1e-3


class PriorProbability(keras.initializers.Initializer):
    def __init__(self, probability=0.01):
        self.probability = probability

    def get_config(self):
        return {
            'probability': self.probability
        }

    def __call__(self, shape, dtype=None):
        result = np.ones(shape) * -math.log((1 - self.probability) / self.probability)
        return result


class BoxNet:
    def __init__(self, width, depth, num_anchors=9, name='box_net', **kwargs):
        self.name = name
        self.width = width
        self.depth = depth
        self.num_anchors = num_anchors
        options = {
            'kernel_size': 3,
            'strides': 1,
            'padding': 'same',
            'bias_initializer': 'zeros',
            'depthwise_initializer': initializers.RandomNormal(stddev=0.01),
            'pointwise_initializer': initializers.RandomNormal(stddev=0.01),
        }

        self.convs  = [layers.SeparableConv2D(filters=width, name=f'{self.name}_box-{i}', **options) for i in range(depth)]
        self.head   = layers.SeparableConv2D(filters=num_anchors * 4, name=f'{self.name}_box-predict', **options)

        self.bns = [[layers.BatchNormalization(momentum=MOMENTUM, epsilon=EPSILON, name=f'{self.name}_box-{i}-bn-{j}') for j in
             range(3, 8)] for i in range(depth)]

        self.relu = layers.Lambda(lambda x: tf.nn.swish(x))
        self.reshape = layers.Reshape((-1, 4))

    def call(self, inputs):
        feature, level = inputs
        for i in range(self.depth):
            feature = self.convs[i](feature)
            feature = self.bns[i][level](feature)
            feature = self.relu(feature)
        outputs = self.head(feature)
        outputs = self.reshape(outputs)
        return outputs

#------------------------------------------#
#   获得分类预测结果
#   该部分会判断先验框对应的物体种类
#------------------------------------------#
class ClassNet:
    def __init__(self, width, depth, num_classes=20, num_anchors=9, name='class_net', **kwargs):
        self.name = name
        self.width = width
        self.depth = depth
        self.num_classes = num_classes
        self.num_anchors = num_anchors
        options = {
            'kernel_size': 3,
            'strides': 1,
            'padding': 'same',
            'depthwise_initializer': initializers.RandomNormal(stddev=0.01),
            'pointwise_initializer': initializers.RandomNormal(stddev=0.01),
        }

        self.convs  = [layers.SeparableConv2D(filters=width, bias_initializer='zeros', name=f'{self.name}_class-{i}', **options) for i in range(depth)]
        self.head   = layers.SeparableConv2D(filters=num_classes * num_anchors, bias_initializer=PriorProbability(probability=0.01), name=f'{self.name}_class-predict', **options)

        self.bns    = [[layers.BatchNormalization(momentum=MOMENTUM, epsilon=EPSILON, name=f'{self.name}_class-{i}-bn-{j}') for j
                    in range(3, 8)] for i in range(depth)]

        self.relu       = layers.Lambda(lambda x: tf.nn.swish(x))
        self.reshape    = layers.Reshape((-1, num_classes))
        self.activation = layers.Activation('sigmoid')

    def call(self, inputs):
        feature, level = inputs
        for i in range(self.depth):
            feature = self.convs[i](feature)
            feature = self.bns[i][level](feature)
            feature = self.relu(feature)
        outputs = self.head(feature)
        outputs = self.reshape(outputs)
        outputs = self.activation(outputs)
        return outputs


def build_model(num_classes=20, num_anchors=9):
    fpn_features = [layers.Input((s, s, 64)) for s in (64, 32, 16, 8, 4)]
    box_net     = BoxNet(64, 3, num_anchors=num_anchors, name='box_net')
    class_net   = ClassNet(64, 3, num_classes=num_classes, num_anchors=num_anchors, name='class_net')

    classification  = [class_net.call([feature, i]) for i, feature in enumerate(fpn_features)]
    classification  = layers.Concatenate(axis=1, name='classification')(classification)
    regression      = [box_net.call([feature, i]) for i, feature in enumerate(fpn_features)]
    regression      = layers.Concatenate(axis=1, name='regression')(regression)

    model           = models.Model(inputs=fpn_features, outputs=[regression, classification], name='efficientdet')
    return model
