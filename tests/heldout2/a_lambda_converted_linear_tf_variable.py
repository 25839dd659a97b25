"""A PyTorch-to-Keras conversion turns each `nn.Linear` weight into a `tf.Variable` read by a `Lambda`.

The nobuco report: after converting a PyTorch model, the first `predict` printed "The following
Variables were used in a Lambda layer's call (tf.linalg.matmul), but are not present in its tracked
objects: <tf.Variable 'weight:0' shape=(513, 128)>", once per converted matmul/reshape. This is the
converted graph written by hand: the weights live outside any layer and the Lambdas close over them.
"""

SOURCE = "https://github.com/AlexanderLutsenko/nobuco/issues/19"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py a_lambda_converted_linear_tf_variable.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 4 variables the model does not track: ['weight:0', 'bias:0', 'weight:0', 'bias:0']
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf


def converted_linear(weight_value, bias_value):
    """What a converter emits for one `nn.Linear`: two variables and a Lambda that reads them."""
    weight = tf.Variable(weight_value.T, name="weight")
    bias = tf.Variable(bias_value, name="bias")
    return keras.layers.Lambda(lambda x: tf.linalg.matmul(x, weight) + bias)


def build_model():
    rng = np.random.default_rng(0)
    spectrum = keras.Input((20, 33))
    hidden = converted_linear(rng.normal(size=(16, 33)).astype("float32"),
                              np.zeros(16, "float32"))(spectrum)
    hidden = keras.layers.Activation("relu")(hidden)
    logits = converted_linear(rng.normal(size=(4, 16)).astype("float32"),
                              np.zeros(4, "float32"))(hidden)
    return keras.Model(spectrum, logits)
