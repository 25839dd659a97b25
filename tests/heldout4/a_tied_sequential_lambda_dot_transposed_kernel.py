"""Tied weights in a Sequential model: `W = transpose(model.layers[-1].kernel)` taken between two `add` calls, used by a Lambda.

Answering "How can one enforce tied weights in Keras?", a commenter suggested
`model.add(Dense(10, input_dim=10, bias=False)); W = K.transpose(model.layers[-1].W);
model.add(Lambda(lambda x: K.dot(x, W)))`. With an input shape given, the Dense is built by the
time the transpose is taken, so `W` is a constant tensor: the Lambda multiplies by the Dense
kernel's initial value forever and the kernel gets no gradient through the tied path. Ported to
Keras 3 (`keras.Input` first, `keras.ops`).
"""

SOURCE = "https://github.com/keras-team/keras/issues/3261"
CODES = ("LD012",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py a_tied_sequential_lambda_dot_transposed_kernel.py:
as returned: Sequential, count_params() = 60, 1 weights, unbuilt: none
after call: count_params() = 60, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python: build_model(), dense.kernel.assign(2 * kernel), then model(x) against
tanh(x @ kernel) @ kernel.T): the output matches the kernel's transpose as it was when the Lambda
was added, not the current kernel: the Lambda multiplies by a constant copy; the kernel trains
through the Dense path only."""

import keras
from keras import layers, ops


def build_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(10,)))
    model.add(layers.Dense(6, use_bias=False, activation="tanh"))
    tied = ops.transpose(model.layers[-1].kernel)
    model.add(layers.Lambda(lambda x: ops.matmul(x, tied)))
    return model
