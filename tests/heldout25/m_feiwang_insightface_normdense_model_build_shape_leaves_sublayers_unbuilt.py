"""A TF2 InsightFace port builds its face-recognition model (a subclassed ResNet backbone, a plain
`Dense` classifier and a `NormDense` cosine head with its class-weight matrix made in `build()`) by
calling `model.build((None, 112, 112, 3))` on the subclassed `MyModel` and then `model.summary()`.

From Fei-Wang/insightface (`recognition/models/models.py`, backbone from
`recognition/backbones/resnet_v1.py`, commit 0ca1d9d). Under tf.keras 2, `Model.build(shape)` on a
subclassed model traced `call()` on a placeholder, so every sublayer got its weights. On Keras 3,
`MyModel` has no `build()` of its own: `model.build(shape)` only warns that the model "looks like it
has unbuilt state" and marks it built, so the backbone, the `Dense` and the `NormDense` (whose
class-weight matrix `w` is created in its own `build()`) all stay unbuilt with no weights; `summary()`
and `count_params()` show nothing, and anything that loads or inspects weights after the author's
build step (the repository restores checkpoints into this model) sees an empty model until a first
real call creates them.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`), `tf.enable_eager_execution()` dropped; only
`BasicBlock` and a `ResNet_v1_18`-style backbone kept, with one block per stage and filters
64/128/256/512 -> 4/8/8/8 and a 7x7/stride-2 stem of 4 filters; embedding 512 -> 8, 5 classes, input
32x32 instead of 112x112; the argparse/yaml/data main() replaced by `build_model()`, which does what
main() does (`MyModel(...)`, `model.build((None, H, W, 3))`) and returns the model with two images.
"""

SOURCE = "https://github.com/Fei-Wang/insightface/blob/0ca1d9d8f50d16e1b5d0f0067c0f4753d3373d6d/recognition/models/models.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/m_feiwang_insightface_normdense_model_build_shape_leaves_sublayers_unbuilt.py:
warning: `build()` was called on layer 'my_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit[e ...]
(also printed on stderr for layer 'basic_block')
as returned: MyModel, count_params() = 0, 0 weights, unbuilt: ['ResNet_v1_18:res_net_v1_18', 'Dense:dense', 'Sequential:sequential_3', 'BasicBlock:basic_block_3', ..., 'Conv2D:conv2d', 'Dense:dense_1', 'NormDense:norm_dense']
after call: count_params() = 4781, 53 trainable weights, unbuilt: ['BatchNormalization:batch_normalization_3', 'Conv2D:conv2d_3']; output dtypes ['float32']
gradient None for 0 of 53 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'res_net_v1_18': 4696, 'basic_block_3': 1336, 'basic_block_2': 1336, 'basic_block_1': 1016, 'basic_block': 328, 'norm_dense': 40}
second call: 0 variables watched that the first call did not use
(After the author's model.build((None, H, W, 3)) the model reports built but owns 0 weights: every
sublayer, including NormDense and its class-weight matrix, is unbuilt. A real call then builds them;
the shortcut conv3/bn3 of the first BasicBlock stay unbuilt for good because the block's output
already matches its input shape, as in the repository's deeper stages.)"""

import numpy as np
import tensorflow as tf
import keras


class BasicBlock(keras.layers.Layer):

    def __init__(self, filters=64, strides=(1, 1)):
        super(BasicBlock, self).__init__()
        self.conv1 = keras.layers.Conv2D(filters, (3, 3), padding='same', strides=strides)
        self.bn1 = keras.layers.BatchNormalization()
        self.relu = keras.layers.ReLU()
        self.conv2 = keras.layers.Conv2D(filters, (3, 3), padding='same')
        self.bn2 = keras.layers.BatchNormalization()
        self.conv3 = keras.layers.Conv2D(filters, (1, 1), padding='same', strides=strides)
        self.bn3 = keras.layers.BatchNormalization()

    def call(self, inputs, training=False):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = self.relu(x)
        x = self.conv2(x)
        x = self.bn2(x, training=training)
        if x.shape == inputs.shape:
            res = inputs
        else:
            res = self.conv3(inputs)
            res = self.bn3(res, training=training)
        x += res
        x = self.relu(x)
        return x


class ResNet_v1(keras.Model):
    def __init__(self, Block=BasicBlock, layers=(1, 1, 1, 1), include_top=True, embedding_size=512):
        super(ResNet_v1, self).__init__()
        self.conv = keras.layers.Conv2D(4, (7, 7), strides=(2, 2), padding='same')
        self.bn = keras.layers.BatchNormalization()
        self.relu = keras.layers.ReLU()
        self.maxpool = keras.layers.MaxPool2D((3, 3), strides=(2, 2), padding='same')
        self.blocks1 = keras.Sequential([Block(filters=4, strides=(1, 1)) for _ in range(layers[0])])
        self.blocks2 = keras.Sequential(
            [Block(filters=8, strides=(2, 2) if i < 1 else (1, 1)) for i in range(layers[1])])
        self.blocks3 = keras.Sequential(
            [Block(filters=8, strides=(2, 2) if i < 1 else (1, 1)) for i in range(layers[2])])
        self.blocks4 = keras.Sequential(
            [Block(filters=8, strides=(2, 2) if i < 1 else (1, 1)) for i in range(layers[3])])
        self.globalpool = keras.layers.GlobalAveragePooling2D()
        self.dense = None
        if include_top:
            self.dense = keras.layers.Dense(embedding_size)

    def call(self, inputs, training=False, mask=None):
        x = self.conv(inputs)
        x = self.bn(x, training=training)
        x = self.relu(x)
        x = self.maxpool(x)
        x = self.blocks1(x, training=training)
        x = self.blocks2(x, training=training)
        x = self.blocks3(x, training=training)
        x = self.blocks4(x, training=training)
        x = self.globalpool(x)
        if self.dense is not None:
            x = self.dense(x)

        return x


class ResNet_v1_18(ResNet_v1):
    def __init__(self, include_top=True, embedding_size=512):
        super(ResNet_v1_18, self).__init__(Block=BasicBlock, layers=(1, 1, 1, 1), include_top=include_top,
                                           embedding_size=embedding_size)


class NormDense(keras.layers.Layer):

    def __init__(self, classes=1000):
        super(NormDense, self).__init__()
        self.classes = classes

    def build(self, input_shape):
        self.w = self.add_weight(name='norm_dense_w', shape=(input_shape[-1], self.classes),
                                 initializer='random_normal', trainable=True)

    def call(self, inputs, **kwargs):
        norm_w = tf.nn.l2_normalize(self.w, axis=0)
        x = tf.matmul(inputs, norm_w)

        return x


class MyModel(keras.Model):
    def __init__(self, backbone, embedding_size=512, classes=1000):
        super(MyModel, self).__init__()
        self.backbone = backbone(include_top=True, embedding_size=embedding_size)
        self.dense = keras.layers.Dense(classes)
        self.norm_dense = NormDense(classes)

    @tf.function
    def call(self, inputs, training=False, mask=None):
        prelogits = self.backbone(inputs, training=training)
        dense = self.dense(prelogits)
        norm_dense = self.norm_dense(prelogits)
        return prelogits, dense, norm_dense


def build_model():
    model = MyModel(ResNet_v1_18, embedding_size=8, classes=5)
    model.build((None, 32, 32, 3))
    images = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    return model, images
