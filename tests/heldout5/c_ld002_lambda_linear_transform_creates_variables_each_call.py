"""A `Lambda` wraps a function that creates its own `tf.Variable` multiplier and bias.

The TensorFlow 1.15 documentation of `tf.keras.layers.Lambda` showed, as a supported pattern,
a `linear_transform(x)` function creating `tf.Variable(1., name='multiplier')` and
`tf.Variable(0., name='bias')`, added to a Sequential model after a Dense layer, promising that
"these variables will be created only once and reused". On Keras 3 the Lambda tracks nothing:
each call creates two fresh variables, the model's parameter count leaves them out, and no
optimizer ever updates them.
"""

SOURCE = "https://docs.w3cub.com/tensorflow~1.15/keras/layers/lambda"
CODES = ("LD002",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py c_ld002_lambda_linear_transform_creates_variables_each_call.py:
as returned: Sequential, count_params() = 210, 2 weights, unbuilt: none
after call: count_params() = 210, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['sequential/lambda/multiplier:0', 'sequential/lambda/bias:0']
second call: 2 variables watched that the first call did not use"""

import keras
import tensorflow as tf
from keras.layers import Lambda


def linear_transform(x):
    v1 = tf.Variable(1., name="multiplier")
    v2 = tf.Variable(0., name="bias")
    return x * v1 + v2


def build_model():
    linear_layer = Lambda(linear_transform)
    model = keras.Sequential([keras.Input((20,))])
    model.add(keras.layers.Dense(10, activation="relu"))
    model.add(linear_layer)  # meant to reuse the same two variables on every call
    return model
