"""A "dynamic net" reuses its middle Dense layer a random number of times on each forward pass.

The report ports PyTorch's control-flow/weight-sharing example to TF 2: a model with `input_linear`,
`middle_linear` and `output_linear`, where `middle_linear` is applied a random number of times per call
(0 to 3 there; 1 to 3 here, so that every call trains it), sharing its weights. Written as a Keras 3 subclassed Model the three layers are attributes
and the repeated use is deliberate weight sharing: all weights are tracked and trained.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/27046"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_dynamic_net_middle_layer_random_reuse.py:
as returned: DynamicNet, count_params() = 482, 6 weights, unbuilt: none
after call: count_params() = 482, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import random

import keras
import numpy as np


class DynamicNet(keras.Model):
    def __init__(self, hidden, out_dim, **kwargs):
        super().__init__(**kwargs)
        self.input_linear = keras.layers.Dense(hidden, activation="relu")
        self.middle_linear = keras.layers.Dense(hidden, activation="relu")
        self.output_linear = keras.layers.Dense(out_dim)

    def call(self, x):
        h = self.input_linear(x)
        for _ in range(random.randint(1, 3)):
            h = self.middle_linear(h)
        return self.output_linear(h)


def build_model():
    model = DynamicNet(hidden=16, out_dim=2)
    x = np.random.default_rng(0).random((4, 10)).astype("float32")
    model(x)
    return model, x
