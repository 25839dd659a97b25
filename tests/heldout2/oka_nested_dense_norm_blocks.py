"""Correct: a subclassed model made of custom `DenseNormLayer` blocks, each holding a BatchNorm and a Dense.

TF 2.3 printed a summary the reporter called wrong for this nesting (blocks listed without their
inner layers). On Keras 3 the sublayers assigned in the blocks' `__init__` are tracked, built on the
first call and counted.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/44591"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_nested_dense_norm_blocks.py:
as returned: BaselineModel, count_params() = 2172, 16 weights, unbuilt: none
after call: count_params() = 2172, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'block1': 392, 'block2': 1184}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np


class DenseNormLayer(keras.layers.Layer):
    def __init__(self, units, activation, name=None):
        super().__init__(name=name)
        self.dense_layer = keras.layers.Dense(units=units, activation=activation)
        self.batch_norm = keras.layers.BatchNormalization()

    def call(self, x, training=None):
        x = self.batch_norm(x, training=training)
        return self.dense_layer(x)


class BaselineModel(keras.Model):
    def __init__(self, targets, name="BaselineModel"):
        super().__init__(name=name)
        self.block1 = DenseNormLayer(units=32, activation="relu", name="block1")
        self.block2 = DenseNormLayer(units=32, activation="relu", name="block2")
        self.d1 = keras.layers.Dense(units=16, activation="relu", name="d1")
        self.dp = keras.layers.Dropout(rate=0.2, name="dropout_layer")
        self.sigmoid_layer = keras.layers.Dense(units=targets, activation="sigmoid", name="sigmoid_layer")

    def call(self, x, training=None):
        x = self.block1(x, training=training)
        x = self.block2(x, training=training)
        x = self.dp(self.d1(x), training=training)
        return self.sigmoid_layer(x)


def build_model():
    model = BaselineModel(targets=4)
    x = np.random.default_rng(0).random((2, 10)).astype("float32")
    model(x)
    return model, x
