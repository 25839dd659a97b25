"""A tutorial puts one custom-layer instance twice in a Sequential list, around a Dense(128), "to share weights".

The post ("How can TensorFlow 2.0 layers be reused?") builds `my_layer = MyCustomLayer(64)` (a layer
holding a `Dense(64)`) and writes `Sequential([my_layer, Dense(128), my_layer, Dense(10)])`,
commented "second use (shares weights with the first use)". The inner Dense is built on the
model's input width at its first call; the second call feeds it the 128-wide output of the middle
Dense, which the built kernel cannot take: building the model raises a shape error naming the
inner Dense. Input width 784 as in the post's other examples.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/how-can-tensorflow-20-layers-be-reused.md"
CODES = ("LD008", "LD007")
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py a_reuse_custom_block_twice_in_sequential.py:
build_model() raised ValueError: Exception encountered when calling MyCustomLayer.call().
extra check (python: str of that exception): "Could not automatically infer the output shape / dtype of
'my_custom_layer' ... Error encountered: Input 0 with name 'None' of layer 'dense' is incompatible with the
layer ..." (the inner Dense, built on 784 inputs, is handed the 128-wide output of the middle Dense)."""

import keras
from keras import layers


class MyCustomLayer(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units, activation="relu")

    def call(self, inputs):
        return self.dense(inputs)


def build_model():
    my_layer = MyCustomLayer(64)
    return keras.Sequential([
        keras.Input(shape=(784,)),
        my_layer,
        layers.Dense(128, activation="relu"),
        my_layer,
        layers.Dense(10, activation="softmax"),
    ])
