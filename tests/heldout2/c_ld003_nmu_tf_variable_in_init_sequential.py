"""A neural multiplication unit (NMU) keeps its gate matrix as a `tf.Variable` made in `__init__`.

The report's `NMU(output_dim, input_dim)` layer creates `self.weight = tf.Variable(w_init([input_dim,
output_dim]), trainable=True)` in `__init__`, clips it into [0, 1] in `call()` and is the only layer
of a `Sequential` model trained with `fit`. Rewritten for Keras 3 with an explicit Input.
"""

SOURCE = "https://github.com/keras-team/keras/issues/15470"
CODES = ("LD003",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld003_nmu_tf_variable_in_init_sequential.py:
as returned: Sequential, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 1 variables the model does not track: ['weight:0']
params of the case's own layers: {'nmu': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


def w_initialization(shape):
    return tf.random.uniform(shape, 0.25, 0.75)


class NMU(keras.layers.Layer):
    def __init__(self, output_dim, input_dim):
        super().__init__()
        self.weight = tf.Variable(w_initialization([input_dim, output_dim]), dtype="float32", name="weight", trainable=True)

    def call(self, inputs):
        W = tf.minimum(tf.maximum(self.weight, 0.0), 1.0)
        output = inputs[:, :, None] * W + 1.0 - W
        return tf.reduce_prod(output, axis=1)


def build_model():
    return keras.Sequential([keras.Input((2,)), NMU(2, 2)])
