"""A Lambda wraps a function that creates its own weight and bias `tf.Variable`s, then the model is saved and reloaded.

The report (TF 2.0): `lambda_bug(x)` builds `w = tf.Variable(ones((1, 1)))` and `b = tf.Variable(0.)` and
returns `w * x + b`; `Lambda(lambda_bug)` is the whole model. `summary()` looked fine but `load_model`
crashed in the Lambda's variable tracking. On Keras 3 the Lambda tracks nothing: the variables are
re-created on every call, the model has no weights, and they are neither trained nor saved.
"""

SOURCE = "https://github.com/keras-team/keras/issues/13529"
CODES = ("LD002", "LD012")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py a_lambda_function_creates_weight_and_bias_variables.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['functional/lambda_bug/weights:0', 'functional/lambda_bug/bias:0']
second call: 2 variables watched that the first call did not use"""

import keras
import tensorflow as tf


def lambda_bug(x):
    ws = lambda: tf.ones(shape=(1, 1), dtype=tf.float32)  # noqa: E731 - as in the report
    w = tf.Variable(initial_value=ws, dtype=tf.float32, name="weights")
    b = tf.Variable(0.0, name="bias")
    return w * x + b


def build_model():
    X = keras.Input(shape=(1,))
    out = keras.layers.Lambda(lambda_bug, name="lambda_bug")(X)
    return keras.Model(inputs=X, outputs=out)
