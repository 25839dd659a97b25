"""Study notebook ("TensorFlow2 高级应用", after eat_tensorflow2_in_30_days 5-4): Linear built by hand, ResnetBlock as a Model.

A personal Chinese notebook copies the "custom model layers" chapter: a `Linear(layers.Layer)` whose
`build()` creates `w`/`b` with `add_weight` and then calls `super(Linear, self).build(input_shape)`, is built
explicitly with `linear.build(input_shape=(None, 16))`, then used as the first layer of a `Sequential` with an
`input_shape=(64,)` keyword; next a `ResnetBlock(tf.keras.Model)` holding three Conv2D/BatchNormalization pairs
created in `__init__` (no `build()`). The notebook's cell prints `model.summary()` with 1,040 params and the
block's 12 variable names. Everything here is tracked on Keras 3 as well (explicit build, `super().build()`,
a Model used as a block, BN moving statistics as non-trainable weights); only the variable names differ.
"""

SOURCE = "https://github.com/yanqiangmiffy/quincy-python-v2"  # file: Python032-TensorFlow2高级应用.ipynb
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okn_notes_linear_explicit_build_resnetblock.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Sequential, count_params() = 1282, 22 weights, unbuilt: none
after call: count_params() = 1282, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear': 1040, 'resnet_block': 89}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers, models, regularizers


class Linear(layers.Layer):
    def __init__(self, units=32, **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer='random_normal',
                                 trainable=True)
        self.b = self.add_weight(shape=(self.units,),
                                 initializer='random_normal',
                                 trainable=True)
        super(Linear, self).build(input_shape)

    def call(self, inputs):
        """
        call方法一般定义定义正向传播运算逻辑，__call__方法调用此方法
        """
        return tf.matmul(inputs, self.w) + self.b

    def get_config(self):
        config = super(Linear, self).get_config()
        config.update({'units': self.units})
        return config


class ResnetBlock(tf.keras.Model):
    def __init__(self, kernel_size, filters):
        super(ResnetBlock, self).__init__(name='resnet_block')

        # 每个子层卷积核数
        filter1, filter2, filter3 = filters

        # 三个子层，每层1个卷积加一个批正则化
        # 第一个子层， 1*1的卷积
        self.conv1 = tf.keras.layers.Conv2D(filter1, (1, 1))
        self.bn1 = tf.keras.layers.BatchNormalization()
        # 第二个子层， 使用特点的kernel_size
        self.conv2 = tf.keras.layers.Conv2D(filter2, kernel_size, padding='same')
        self.bn2 = tf.keras.layers.BatchNormalization()
        # 第三个子层，1*1卷积
        self.conv3 = tf.keras.layers.Conv2D(filter3, (1, 1))
        self.bn3 = tf.keras.layers.BatchNormalization()

    def call(self, inputs, training=False):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = tf.nn.relu(x)

        x = self.conv2(x)
        x = self.bn2(x, training=training)
        x = tf.nn.relu(x)

        x = self.conv3(x)
        x = self.bn3(x, training=training)

        # 残差连接
        x += inputs
        return tf.nn.relu(x)


def build_model():
    linear = Linear(units=8)
    linear.build(input_shape=(None, 16))   # 显式调用build方法

    tf.keras.backend.clear_session()
    model = models.Sequential()
    # 注意该处的input_shape会被模型加工，无需使用None代表样本数量维
    model.add(Linear(units=16, input_shape=(64,)))
    model.add(layers.Dense(9, kernel_regularizer=regularizers.l2(1e-4)))
    model.add(layers.Reshape((1, 1, 9)))
    model.add(ResnetBlock(1, [1, 2, 9]))
    model.add(layers.Flatten())
    return model


if __name__ == "__main__":
    model = build_model()
    print("model.input_shape: ", model.input_shape)
    model.summary()
    block = ResnetBlock(1, [1, 2, 3])
    _ = block(tf.zeros([1, 2, 3, 3]))
    print([x.name for x in block.trainable_variables])
