"""A regression model ends in `Lambda(lambda q: tf.math.argmax(q, 2))` so that it outputs class indices directly.

The report (filed against a list of "differentiable TF ops") builds `Input((1, 1))` -> `Dense(3)` ->
an ArgMax Lambda as the model output, compiles with MAE and gets "No gradients provided for any
variable" from `fit`. The argmax output is an integer index: the Dense kernel and bias are counted
and trainable but no gradient reaches them.
"""

SOURCE = "https://github.com/Mainak431/List-of-Differentiable--OPs-and-Non-differentiable-OPs--in-Tensorflow/issues/4"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_int_argmax_lambda_as_model_output.py:
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/models/functional.py:259: UserWarning: The structure of `inputs` doesn't match the expected structure.
Expected: ['keras_tensor']
Received: inputs=Tensor(shape=(2, 1, 1))
  warnings.warn(msg)
as returned: Functional, count_params() = 6, 2 weights, unbuilt: none
after call: count_params() = 6, 2 trainable weights, unbuilt: none; output dtypes ['int64']
gradient None for 2 of 2 trainable weights: ['dense/kernel', 'dense/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf
from keras.layers import Dense, Input, Lambda


def ArgMax():
    return Lambda(lambda q: tf.math.argmax(q, 2))


def build_model():
    inputs1 = Input(shape=(1, 1))
    d = Dense(3)(inputs1)
    out = ArgMax()(d)
    return keras.Model(inputs=[inputs1], outputs=[out], name="test")
