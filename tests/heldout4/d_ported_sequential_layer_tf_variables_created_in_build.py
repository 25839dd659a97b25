"""A tf.keras-style layer creates its kernel and bias as `tf.Variable`s in `build()`, then runs in a Sequential model on Keras 3.

The Keras 3 migration guide lists this as a behaviour change: Keras 2 tracked a `tf.Variable`
set as a layer attribute, Keras 3 does not. Its snippet builds `w` and `b` with
`tf.Variable(tf.zeros(...))` inside `build(input_shape)`, computes `keras.ops.matmul(inputs,
self.w) + self.b`, wraps the layer in `keras.Sequential`, compiles and predicts: training warns
that the model has no trainable weights. Rewritten with a hidden layer after it.
"""

SOURCE = "https://keras.io/guides/migrating_to_keras_3/"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py d_ported_sequential_layer_tf_variables_created_in_build.py:
as returned: Sequential, count_params() = 4, 2 weights, unbuilt: none
after call: count_params() = 4, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['sequential/my_custom_layer/Variable:0', 'sequential/my_custom_layer/Variable:0']
params of the case's own layers: {'my_custom_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


class MyCustomLayer(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.w = tf.Variable(initial_value=tf.random.normal([input_dim, self.units], stddev=0.1))
        self.b = tf.Variable(initial_value=tf.zeros([self.units]))

    def call(self, inputs):
        return keras.ops.matmul(inputs, self.w) + self.b


def build_model():
    model = keras.Sequential([keras.Input((3,)), MyCustomLayer(3), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model
