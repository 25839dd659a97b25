"""A one-scalar layer keeps its value in a `tf.Variable`, and the model holding it keeps a second name for it.

The report wrapped a trainable scalar in a tiny `ScalarLayer` (a `tf.Variable` made in `__init__`)
so that a subclassed model could save it, and also kept a shortcut to the variable on the model
(`self.something = self.hack.value`). With the h5 format the scalar was silently not saved. On
Keras 3 the `tf.Variable` is not tracked by the layer nor by the model at all: the scalar that
scales the model's input is watched by the tape, but it is not among the model's weights, so it is
neither trained by `fit` nor saved.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/33419"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py c_ld003_scalar_layer_tf_variable_aliased_by_model.py:
as returned: A, count_params() = 4, 2 weights, unbuilt: none
after call: count_params() = 4, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'scalar_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf


class ScalarLayer(keras.layers.Layer):
    def __init__(self, value, **kwargs):
        super().__init__(**kwargs)
        self.value = tf.Variable(value, dtype="float32", trainable=True)

    def call(self, inputs):
        return inputs * self.value


class A(keras.Model):
    def __init__(self):
        super().__init__()
        self.hack = ScalarLayer(1.0)
        # a shortcut to the scalar, so that it can be read and assigned from outside
        self.something = self.hack.value
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        return self.head(self.hack(inputs))


def build_model():
    model = A()
    x = np.random.default_rng(0).random((4, 3)).astype("float32")
    model(x)
    return model, x
