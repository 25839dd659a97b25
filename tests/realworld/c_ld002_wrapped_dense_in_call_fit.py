"""A custom layer wraps a Dense by instantiating it inside `call()`: `Dense(self.units)(inputs)`.

The reporter wanted to reuse `Dense` inside a custom layer instead of re-implementing it with
`add_weight`, so `call()` does `output = Dense(self.units)(inputs)`. The Dense "was not trained":
`tf.trainable_variables()` saw its weights but Keras ignored them. On Keras 3 the model wires and
predicts, the summary counts nothing for the layer, and `fit` fails.
"""

SOURCE = "https://github.com/keras-team/keras/issues/11736"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
Input(8) -> CustomLayer(4) -> Dense(1): count_params() == 5 (only the output Dense), the CustomLayer row
shows 0 params; two predictions on the same input differ; model.fit raises
ValueError: tf.function only supports singleton tf.Variables created on the first call."""

import numpy as np
import keras
from keras.layers import Layer, Dense


class CustomLayer(Layer):
    def __init__(self, units, **kwargs):
        super(CustomLayer, self).__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        output = Dense(self.units)(inputs)  # a new Dense on every call
        return output

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.units,)


def build_model():
    inputs = keras.Input((8,))
    x = CustomLayer(4)(inputs)
    outputs = Dense(1)(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="mse")
    return model
