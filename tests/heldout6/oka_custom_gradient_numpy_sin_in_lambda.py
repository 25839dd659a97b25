"""Correct: a NumPy `sin` run through `tf.numpy_function`, given its gradient (also NumPy) with `tf.custom_gradient`, sits in a Lambda between two Dense layers.

The reporter wrote `my_sin_with_gradient_using_numpy_function`: a `@tf.custom_gradient` function
whose forward pass calls `tf.numpy_function` to get both `np.sin(x)` and `np.cos(x)`, and whose
`grad_fn` multiplies the upstream gradient by the cosine. Calling it straight on a Keras input
crashed (a symbolic tensor cannot enter a TensorFlow function); wrapped in a `Lambda` it wires.
A NumPy function in the middle of a model is the textbook "no gradient" pattern, but here the
gradient is supplied by hand: the Dense before the Lambda gets a real gradient through
`grad_fn`, and every weight is counted and trained.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/43916"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oka_custom_gradient_numpy_sin_in_lambda.py:
as returned: Functional, count_params() = 33, 4 weights, unbuilt: none
after call: count_params() = 33, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import keras


@tf.custom_gradient
def my_sin_with_gradient_using_numpy_function(x):
    def _sin_and_gradient_numpy(x):
        return np.sin(x), np.cos(x)

    y, dy_dx = tf.numpy_function(_sin_and_gradient_numpy, [x], (tf.float32, tf.float32))
    y.set_shape(x.shape)
    dy_dx.set_shape(x.shape)

    def grad_fn(upstream):
        return upstream * dy_dx

    return y, grad_fn


def build_model():
    x = keras.layers.Input(shape=(2,))
    h = keras.layers.Dense(8)(x)
    h = keras.layers.Lambda(my_sin_with_gradient_using_numpy_function, name="numpy_sin")(h)
    y = keras.layers.Dense(1)(h)
    model = keras.Model(x, y)
    model.compile(optimizer="adam", loss="mse")
    return model
