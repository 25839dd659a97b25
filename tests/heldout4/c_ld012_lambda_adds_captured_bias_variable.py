"""A trainable scalar bias made with the backend `variable` helper is added by a `Lambda` closure.

The report fits `y = 5x + 3` with a bias-free `Dense(1)` followed by
`Lambda(lambda x: x + b)`, where `b = keras.backend.variable(1.0)` is created next to the model;
the same graph in raw TensorFlow learns `b`, but with Keras `fit` the bias never moves and the
summary counts only the Dense kernel. Ported to Keras 3: `b` is a `keras.Variable` captured by
the `Lambda`'s function.
"""

SOURCE = "https://github.com/keras-team/keras/issues/13106"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py c_ld012_lambda_adds_captured_bias_variable.py:
as returned: Functional, count_params() = 1, 1 weights, unbuilt: none
after call: count_params() = 1, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 1 variables the model does not track: ['b:0']
second call: 0 variables watched that the first call did not use"""

import keras


def build_model():
    x = keras.Input((1,), name="x")
    fx = keras.layers.Dense(1, use_bias=False, name="Fx")(x)
    b = keras.Variable(1.0, name="b")
    y = keras.layers.Lambda(lambda t: t + b, name="Add")(fx)
    return keras.Model(inputs=[x], outputs=[y])
