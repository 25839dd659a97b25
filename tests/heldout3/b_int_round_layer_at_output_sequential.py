"""A Sequential regressor ends in a custom `Round` layer so that it predicts whole numbers.

The report proposed a `Round` layer (`K.round` of its input) and put it after `Dense(3)` in a
Sequential model trained with mean absolute error. A maintainer answered that the gradient of the
loss with respect to every parameter is then zero: rounding cuts the only path from the loss to
the three Dense layers.
"""

SOURCE = "https://github.com/keras-team/keras/issues/2221"
CODES = ("LD009",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_int_round_layer_at_output_sequential.py:
as returned: Sequential, count_params() = 603, 6 weights, unbuilt: none
after call: count_params() = 603, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 6 of 6 trainable weights: ['sequential/dense/kernel', 'sequential/dense/bias', 'sequential/dense_1/kernel', 'sequential/dense_1/bias', 'sequential/dense_2/kernel', 'sequential/dense_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'round': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class Round(keras.layers.Layer):
    def call(self, inputs):
        return ops.round(inputs)


def build_model():
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(20, activation="relu"),
        keras.layers.Dense(20, activation="relu"),
        keras.layers.Dense(3),
        Round(),
    ])
    return model
