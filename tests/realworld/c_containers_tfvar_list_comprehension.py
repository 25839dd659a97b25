"""Per-branch gains kept as a list comprehension of tf.Variables on a Keras 3 layer: none is tracked.

The report compared ways of holding variables on a subclassed Layer and Model: a list comprehension
of `tf.Variable`s was tracked on tf.keras 2 (an appended list on a Layer was not). On Keras 3 the
comprehension loses them too: Keras 3 tracks only `keras.Variable`s, in lists or not.
"""

SOURCE = "https://github.com/keras-team/keras/issues/16797"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
functional model Input(3) -> MultiBranchGain(3) -> Dense(7): count_params() == 28 (the Dense only),
model.weights lists only dense/kernel and dense/bias; the 3 gain tf.Variables of shape (3,) are watched
by tf.GradientTape but are not in model.trainable_weights, so fit never updates them; no warning."""

import tensorflow as tf
import keras
from keras import ops


class MultiBranchGain(keras.layers.Layer):
    def __init__(self, num_branches=3, **kwargs):
        super().__init__(**kwargs)
        self.num_branches = num_branches

    def build(self, input_shape):
        dim = input_shape[-1]
        self.gains = [tf.Variable(tf.ones((dim,)), name=f"gain_{i}") for i in range(self.num_branches)]

    def call(self, inputs):
        branches = [inputs * g for g in self.gains]
        return ops.sum(ops.stack(branches, axis=0), axis=0)


def build_model():
    inputs = keras.Input((3,))
    x = MultiBranchGain(3)(inputs)
    outputs = keras.layers.Dense(7)(x)
    return keras.Model(inputs, outputs)
