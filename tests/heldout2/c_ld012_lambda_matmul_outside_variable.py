"""A `Lambda` layer computes `x @ weights + bias` with a `tf.Variable` and a constant made outside it.

In the report's thread the maintainer's own example builds `weights = tf.Variable(tf.random.normal((4, 2)))`
and `bias = tf.ones((1, 2))` at top level and wraps `tf.add(tf.matmul(x, weights), bias)` in a
`Lambda`, noting that such variables are not added to the layer. Rewritten inside a small functional
model as a user would ship it.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/61658"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld012_lambda_matmul_outside_variable.py:
as returned: Functional, count_params() = 23, 4 weights, unbuilt: none
after call: count_params() = 23, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['w:0']
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


def build_model():
    weights = tf.Variable(tf.random.normal((4, 2)), name="w")
    bias = tf.ones((1, 2), name="b")
    inputs = keras.Input((4,))
    x = keras.layers.Dense(4, activation="relu")(inputs)
    x = keras.layers.Lambda(lambda t: tf.add(tf.matmul(t, weights), bias), name="lambda1")(x)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
