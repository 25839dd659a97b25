"""A Lambda casts the previous Dense's float output to int32 (for a bitwise trick) and back to float32.

The asker wanted a layer that turns `y1` (output of the last layer) into integers, does a bitwise
XOR, and turns the result back into floats: `Lambda(f)` with `y = tf.to_int32(x); z =
tf.to_float(y)`. Once the graph is built, casting to an integer type cuts the gradient: every
weight upstream of the Lambda gets `None`, only the layers after it train. Ported to Keras 3
(`keras.ops.cast`, a bitwise XOR with a fixed mask, then a Dense head).
"""

SOURCE = "https://github.com/keras-team/keras/issues/7246"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py b_int_cast_roundtrip_lambda_between_dense.py:
as returned: Functional, count_params() = 113, 4 weights, unbuilt: none
after call: count_params() = 113, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['dense/kernel', 'dense/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def scramble(x):
    as_int = ops.cast(x * 100.0, "int32")
    mixed = ops.bitwise_xor(as_int, 5)
    return ops.cast(mixed, "float32") / 100.0


def build_model():
    inputs = keras.Input(shape=(12,))
    y1 = layers.Dense(8, activation="relu")(inputs)
    y = layers.Lambda(scramble)(y1)
    outputs = layers.Dense(1)(y)
    return keras.Model(inputs, outputs)
