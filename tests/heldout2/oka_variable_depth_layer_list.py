"""Correct: a subclassed MLP whose number of hidden layers is a constructor argument, kept in a list.

The Keras 2.2.4 report: with the `keras` package, layers held in a list built in `__init__` were
missing from `model.layers` and `summary()`. Keras 3 tracks layers in list attributes.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12334"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_variable_depth_layer_list.py:
as returned: VariableDepthMLP, count_params() = 447, 8 weights, unbuilt: none
after call: count_params() = 447, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np


class VariableDepthMLP(keras.Model):
    def __init__(self, hidden_sizes, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.hidden = []
        for size in hidden_sizes:
            self.hidden.append(keras.layers.Dense(size, activation="relu"))
        self.classifier = keras.layers.Dense(num_classes)

    def call(self, x):
        for layer in self.hidden:
            x = layer(x)
        return self.classifier(x)


def build_model():
    model = VariableDepthMLP([16, 12, 8], num_classes=3)
    x = np.random.default_rng(0).random((2, 6)).astype("float32")
    model(x)
    return model, x
