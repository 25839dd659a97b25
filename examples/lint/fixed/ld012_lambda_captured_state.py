"""Fixed twin of ld012_lambda_captured_state.py: the Dense is held by a subclassed Layer."""

import keras


class ScaledProjection(keras.layers.Layer):
    def __init__(self, units, scale=0.5, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.proj = keras.layers.Dense(units)

    def call(self, inputs):
        return self.proj(inputs) * self.scale


def build_model():
    inputs = keras.Input((4,))
    scaled = ScaledProjection(4)(inputs)
    outputs = keras.layers.Dense(1)(scaled)
    return keras.Model(inputs, outputs)
