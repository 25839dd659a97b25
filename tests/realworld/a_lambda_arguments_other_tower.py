"""Two Dense "towers" merged with `Lambda(func, arguments={'y': c})(b)`: one tower is missing from the model.

The reporter merged two towers with a Lambda whose second operand was passed through
`arguments=`, and found `model.trainable_weights` listed only one kernel and one bias out of two
Dense layers. The tensor passed through `arguments` is not a graph input of the Lambda, so the Dense
that produced it is not part of the model. Written in the reporter's tf.keras style, which on
TF 2.21 is Keras 3.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/14359"
CODES = ("LD012",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, tf.keras -> Keras 3):
model.layers == [input_layer, dense, lambda]: the Dense producing `c` is not in the model, weights
== 2 (count_params() == 325 instead of 650), the reporter's symptom; in addition an eager call
model(x) silently returns a KerasTensor (the Lambda adds the symbolic `c`), tf.reduce_sum on it
raises ValueError "A KerasTensor cannot be used as input to a TensorFlow function", and
model.predict raises TypeError "... found return value of type KerasTensor"."""

import tensorflow as tf


def func(x, y):
    return x + y


def build_model():
    a = tf.keras.layers.Input(shape=(64,))
    b = tf.keras.layers.Dense(5)(a)
    c = tf.keras.layers.Dense(5)(a)
    d = tf.keras.layers.Lambda(func, arguments={"y": c})(b)
    model = tf.keras.models.Model(a, d)
    return model
