"""The three models of bench/inspect_overhead.py, as `layerdoctor inspect` targets."""

import keras
from keras import ops


class Block(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units, activation="relu")
        self.norm = keras.layers.LayerNormalization()

    def call(self, inputs):
        return self.norm(inputs + self.dense(inputs))


class SmallCustom(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embed = keras.layers.Dense(32)
        self.blocks = [Block(32) for _ in range(3)]
        self.head = keras.layers.Dense(4)

    def call(self, inputs):
        x = self.embed(inputs)
        for block in self.blocks:
            x = block(x)
        return self.head(ops.tanh(x))


def small_custom():
    import numpy as np

    return SmallCustom(), np.random.default_rng(0).standard_normal((8, 16)).astype("float32")


def mobilenet_v2():
    return keras.applications.MobileNetV2(weights=None)


def hub_backbone():
    import keras_hub

    return keras_hub.models.GPT2Backbone(vocabulary_size=1000, num_layers=2, num_heads=4, hidden_dim=64,
                                         intermediate_dim=128, max_sequence_length=32)
