"""A "last time step" layer calls `super(Layer, self).__init__()`, which skips `Layer.__init__` itself.

The report's `LastStep(Layer)` writes `super(Layer, self).__init__(**kwargs)` (the base class instead
of its own class) and gets "object has no attribute 'built'" when it is used after an LSTM stack.
Rewritten: the same `super(Layer, self)` call, so Keras's own `Layer.__init__` never runs.
"""

SOURCE = "https://github.com/keras-team/keras/issues/2584"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld013_super_of_base_class_skips_layer_init.py:
build_model() raised RuntimeError: In layer 'LastStep', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!"""

import keras
from keras.layers import Layer


class LastStep(Layer):
    def __init__(self, **kwargs):
        super(Layer, self).__init__(**kwargs)

    def call(self, x):
        return x[:, -1, :]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[2])


def build_model():
    tokens = keras.Input((10,), dtype="int32")
    x = keras.layers.Embedding(50, 8)(tokens)
    x = keras.layers.LSTM(8, return_sequences=True)(x)
    x = LastStep()(x)
    return keras.Model(tokens, keras.layers.Dense(3, activation="softmax")(x))
