"""A dynamic fully-convolutional network writes its encoder/decoder blocks straight into `self.__dict__`.

The report builds `len(num_filter)` encoder and decoder blocks in a loop and stores each one with
`self.__dict__[f"encoder_{i}"] = ...` so it can look them up by name later. Writing into `__dict__`
skips `Layer.__setattr__`, so Keras never learns about the blocks. Rewritten with small Conv1D blocks.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/53722"
CODES = ("LD011",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld011_blocks_written_into_instance_dict.py:
as returned: Functional, count_params() = 9, 2 weights, unbuilt: none
after call: count_params() = 9, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 8 variables the model does not track: ['dynamic_fcn/kernel:0', 'dynamic_fcn/bias:0', 'dynamic_fcn/kernel:0', 'dynamic_fcn/bias:0', 'dynamic_fcn/kernel:0', 'dynamic_fcn/bias:0']
params of the case's own layers: {'dynamic_fcn': 9}
second call: 0 variables watched that the first call did not use"""

import keras


class ConvBlock(keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = keras.layers.Conv1D(filters, 3, padding="same", activation="relu")

    def call(self, x):
        return self.conv(x)


class DynamicFCN(keras.Model):
    def __init__(self, num_filter=(8, 16), **kwargs):
        super().__init__(**kwargs)
        self.depth = len(num_filter)
        for i, filters in enumerate(num_filter):
            self.__dict__[f"encoder_{i}"] = ConvBlock(filters)
            self.__dict__[f"decoder_{i}"] = ConvBlock(filters)
        self.head = keras.layers.Conv1D(1, 1)

    def call(self, x):
        for i in range(self.depth):
            x = self.__dict__[f"encoder_{i}"](x)
        for i in reversed(range(self.depth)):
            x = self.__dict__[f"decoder_{i}"](x)
        return self.head(x)


def build_model():
    inputs = keras.Input((32, 2))
    return keras.Model(inputs, DynamicFCN()(inputs))
