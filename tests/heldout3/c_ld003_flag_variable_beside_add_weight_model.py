"""A subclassed model mixes `self.add_weight` with a `tf.Variable` it then tries to make trainable.

The report builds `b = self.add_weight(...)` and `a = tf.Variable([1.0], trainable=False)` in the
model's `__init__`, then flips `a.trainable` and fits. On Keras 3 the `tf.Variable` is not a Keras
variable: the model does not track it at all, so it is never trained or saved whatever its flag.
Rewritten with `a` created trainable, which is what the user wanted.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/60004"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld003_flag_variable_beside_add_weight_model.py:
as returned: ScaledProduct, count_params() = 5, 1 weights, unbuilt: none
after call: count_params() = 5, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 1 variables the model does not track: ['a:0']
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf


class ScaledProduct(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.b = self.add_weight(shape=(1, 5), initializer="ones", trainable=True)
        self.a = tf.Variable([1.0], trainable=True, name="a")

    def call(self, inputs):
        return keras.ops.sum(self.a * self.b * inputs, axis=-1, keepdims=True)


def build_model():
    model = ScaledProduct()
    x = np.random.default_rng(0).standard_normal((4, 5)).astype("float32")
    model(x)
    return model, x
