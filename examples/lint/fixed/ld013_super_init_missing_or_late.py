"""Fixed twin of ld013_super_init_missing_or_late.py: super().__init__() comes first."""

import keras


class Encoder(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units, activation="relu")

    def call(self, inputs):
        return self.dense(inputs)


def build_model():
    inputs = keras.Input((4,))
    outputs = Encoder(3)(inputs)
    return keras.Model(inputs, outputs)
