"""A custom layer keeps a list of other custom layers, each wrapping a `Dense`, inside a subclassed model.

The report builds `TestModel` -> `TestLayer1`, which holds `[TestLayer2(dim) for _ in range(2)]`
and loops over that list in `call()`, each `TestLayer2` owning a `Dense`. On TF 1.13/2.0-alpha the
summary counted only the first `Dense`: the parameters of the listed layers were missing. On
Keras 3 a list attribute of layers is tracked, so every weight is counted and trained.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/28748"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py okc_nested_custom_layers_in_list_of_custom_layer.py:
as returned: TestModel, count_params() = 552, 6 weights, unbuilt: none
after call: count_params() = 552, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stacked_blocks': 416, 'inner_block_1': 272, 'inner_block': 144}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np


class InnerBlock(keras.layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(dim)

    def call(self, x):
        return self.dense(x)


class StackedBlocks(keras.layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.list_of_dense = [InnerBlock(dim) for _ in range(2)]

    def call(self, x):
        for i in range(len(self.list_of_dense)):
            x = self.list_of_dense[i](x)
        return x


class TestModel(keras.Model):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.dense1 = keras.layers.Dense(dim)
        self.stack = StackedBlocks(dim * 2)

    def call(self, x):
        return self.stack(self.dense1(x))


def build_model():
    model = TestModel(8)
    x = np.random.default_rng(0).standard_normal((4, 16)).astype("float32")
    model(x)
    return model, x
