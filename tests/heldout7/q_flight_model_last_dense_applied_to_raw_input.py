"""A four-Dense subclassed `Flight` model whose `call()` feeds the raw input to the last Dense: the first three Dense layers are counted but never trained.

tensorflow/tensorflow#36880 (TF 2.1, custom training loop with `tf.GradientTape`): the reporter's
flight-delay regressor printed `Gradients do not exist for variables ['flight_2/layer1/kernel:0',
'flight_2/layer1/bias:0', ... 'layer3/bias:0']`. The maintainer's answer: `call()` returns the
output of `layer4(x)`, so the first three layers have no effect on the prediction. The chain
`linear1 -> linear2 -> linear3` is computed and then thrown away; `linear4` is applied to the model
input. Everything is built and counted (the summary looks complete), but the optimizer never gets
a gradient for the first three layers.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/36880"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/q_flight_model_last_dense_applied_to_raw_input.py:
as returned: Flight, count_params() = 3323, 8 weights, unbuilt: none
after call: count_params() = 3323, 8 trainable weights, unbuilt: none; output dtypes ['float64']
gradient None for 6 of 8 trainable weights: ['flight/layer1/kernel', 'flight/layer1/bias', 'flight/layer2/kernel', 'flight/layer2/bias', 'flight/layer3/kernel', 'flight/layer3/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class Flight(tf.keras.Model):
    def __init__(self):
        super(Flight, self).__init__()
        self.linear1 = tf.keras.layers.Dense(64, activation="relu", dtype="float64", name="layer1")
        self.linear2 = tf.keras.layers.Dense(32, activation="relu", dtype="float64", name="layer2")
        self.linear3 = tf.keras.layers.Dense(16, activation="relu", dtype="float64", name="layer3")
        self.linear4 = tf.keras.layers.Dense(1, dtype="float64", name="layer4")

    def call(self, x):
        output = self.linear1(x)
        output = self.linear2(output)
        output = self.linear3(output)
        output = self.linear4(x)
        return output


def build_model():
    # the report standardises ~10 numeric flight features and feeds float64 batches
    features = np.random.default_rng(0).normal(size=(4, 10))
    model = Flight()
    model(features)  # first step of the training loop builds the model
    return model, features
