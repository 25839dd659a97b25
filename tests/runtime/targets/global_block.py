"""A module-level block (with sublayers) used inside call(): one LD011 for the block, not per sublayer."""

import keras

SHARED_BLOCK = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(4)])  # LD011


class Head(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = keras.layers.Dense(2)

    def call(self, inputs):
        return self.out(SHARED_BLOCK(inputs))


def build_model():
    inputs = keras.Input((6,))
    return keras.Model(inputs, Head()(inputs))
