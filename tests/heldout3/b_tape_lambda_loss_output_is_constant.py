"""A classifier's last layer is a `Lambda` "loss" that returns a constant, so the model output no longer depends on any weight.

The report wanted the loss computed inside the model: four Dense layers, then
`Lambda(loss_fn, name="loss", output_shape=(1,))` where the dummy `loss_fn` returns `K.constant(1)`,
and compile/fit on that output (TF 2.1 raised InvalidArgumentError). The Lambda ignores its input:
every Dense weight is counted and trainable, but nothing connects them to the output.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/38321"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_tape_lambda_loss_output_is_constant.py:
as returned: Functional, count_params() = 53018, 8 weights, unbuilt: none
after call: count_params() = 53018, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 8 of 8 trainable weights: ['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def loss_fn(args):
    return ops.ones((ops.shape(args)[0], 1))  # the report: K.constant(1, dtype="float32")


def build_model():
    inputs = layers.Input(shape=(784,))
    dense1 = layers.Dense(64, activation="relu")(inputs)
    dense2 = layers.Dense(32, activation="relu")(dense1)
    dense3 = layers.Dense(16, activation="relu")(dense2)
    classification_output = layers.Dense(10, activation="softmax")(dense3)
    outputs = layers.Lambda(loss_fn, name="loss", output_shape=(1,))(classification_output)
    return keras.Model(inputs=inputs, outputs=outputs)
