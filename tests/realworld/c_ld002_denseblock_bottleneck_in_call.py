"""DenseNet block whose helper `_make_layer` instantiates a new BottleNeck layer on every call().

A popular TF2 model zoo wrote `DenseBlock.call()` so that each step called `_make_layer`, which creates
`BottleNeck(...)` and applies it at once. The issue reporter hit "tf.function-decorated function tried to
create variables on non-first call" in `model.fit`; the block's convolutions are new, untracked layers
on every call.
"""

SOURCE = "https://github.com/calmiLovesAI/Basic_CNNs_TensorFlow2/issues/13"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model(x) twice: count_params() == 151 (stem conv 112 + head 39), the DenseBlock adds nothing; two calls
on the same input give different outputs (fresh BottleNecks each call); tf.GradientTape watches 16
variables of new bottle_neck_N layers that are not in model.weights; model.fit raises
AttributeError: 'NoneType' object has no attribute 'assign' inside BatchNormalization.call()."""

import tensorflow as tf
from tensorflow import keras


class BottleNeck(keras.layers.Layer):
    def __init__(self, growth_rate, drop_rate):
        super(BottleNeck, self).__init__()
        self.bn1 = keras.layers.BatchNormalization()
        self.conv1 = keras.layers.Conv2D(4 * growth_rate, (1, 1), padding="same")
        self.bn2 = keras.layers.BatchNormalization()
        self.conv2 = keras.layers.Conv2D(growth_rate, (3, 3), padding="same")
        self.dropout = keras.layers.Dropout(rate=drop_rate)

    def call(self, inputs, training=None):
        x = self.conv1(tf.nn.relu(self.bn1(inputs, training=training)))
        x = self.conv2(tf.nn.relu(self.bn2(x, training=training)))
        return self.dropout(x, training=training)


class DenseBlock(keras.layers.Layer):
    def __init__(self, num_layers, growth_rate, drop_rate):
        super(DenseBlock, self).__init__()
        self.num_layers = num_layers
        self.growth_rate = growth_rate
        self.drop_rate = drop_rate
        self.features_list = []

    def _make_layer(self, x, training):
        y = BottleNeck(growth_rate=self.growth_rate, drop_rate=self.drop_rate)(x, training=training)
        self.features_list.append(y)
        return tf.concat(self.features_list, axis=-1)

    def call(self, inputs, training=None):
        self.features_list.append(inputs)
        x = self._make_layer(inputs, training=training)
        for _ in range(1, self.num_layers):
            x = self._make_layer(x, training=training)
        self.features_list.clear()
        return x


class TinyDenseNet(keras.Model):
    def __init__(self, num_classes=3):
        super(TinyDenseNet, self).__init__()
        self.stem = keras.layers.Conv2D(4, (3, 3), padding="same")
        self.block = DenseBlock(num_layers=2, growth_rate=4, drop_rate=0.0)
        self.pool = keras.layers.GlobalAveragePooling2D()
        self.fc = keras.layers.Dense(num_classes)

    def call(self, inputs, training=None):
        x = self.stem(inputs)
        x = self.block(x, training=training)
        return self.fc(self.pool(x))


def build_model():
    model = TinyDenseNet()
    x = tf.random.normal((2, 8, 8, 3), seed=1)
    model(x)
    return model, x
