"""The fixed DenseNet block: BottleNeck layers appended to a list in __init__, feature maps collected in call().

The fix proposed in the issue moves layer creation out of `call()`: `__init__` appends one BottleNeck
per step to `self.model_list`, and `call()` only appends *tensors* to a Python list. Both lists
look like the broken version; on Keras 3 the layers are tracked and the tensor list is harmless.
"""

SOURCE = "https://github.com/calmiLovesAI/Basic_CNNs_TensorFlow2/issues/13"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model(x): count_params() == 1,711 including both BottleNecks of the list (BN moving stats as
non-trainable weights); two calls give the same output; every trainable weight gets a non-None
gradient; one fit step runs (18 of 20 trainable weights change); no warning."""

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
    def __init__(self, num_layers, growth_rate, drop_rate, name=None):
        super(DenseBlock, self).__init__(name=name)
        self.num_layers = num_layers
        self.growth_rate = growth_rate
        self.drop_rate = drop_rate
        self.features_list = []
        self.model_list = []
        for _ in range(self.num_layers):
            self.model_list.append(BottleNeck(growth_rate=self.growth_rate, drop_rate=self.drop_rate))

    def call(self, inputs, training=None):
        self.features_list.append(inputs)
        x = inputs
        for bottleneck in self.model_list:
            y = bottleneck(x, training=training)
            self.features_list.append(y)
            x = tf.concat(self.features_list, axis=-1)
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
        x = self.block(self.stem(inputs), training=training)
        return self.fc(self.pool(x))


def build_model():
    model = TinyDenseNet()
    x = tf.random.normal((2, 8, 8, 3), seed=1)
    model(x)
    return model, x
