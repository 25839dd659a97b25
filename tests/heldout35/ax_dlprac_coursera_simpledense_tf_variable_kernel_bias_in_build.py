"""A learner's copy of the DeepLearning.AI "Building a Custom Dense Layer" lab: `SimpleDense.build()` makes
its kernel and bias with `tf.Variable`, so on Keras 3 the Sequential model has 0 parameters and never trains.

From Nishant-Pall/DL-Prac, `Custom-Models/Custom_layers.py`, typed while following the Coursera TensorFlow
Advanced Techniques course (C1 W3 ungraded lab "Building a Custom Dense Layer", whose code it reproduces):
`SimpleDense(Layer)` with `units=32`, `build()` draws `w` from `tf.random_normal_initializer()` and `b` from
`tf.zeros_initializer()` and wraps both in `tf.Variable(name=..., initial_value=..., trainable=True)`;
`call` is `tf.matmul(inputs, self.w) + self.b`. The lab then trains `tf.keras.Sequential([SimpleDense(1)])`
on the `y = 2x - 1` toy data. Those are TensorFlow-native variables: tf.keras 2 tracked them, Keras 3 does
not (LD003).

Porting edits: none. `build_model()` wires the lab's model, `Sequential([Input((1,)), SimpleDense(units=1)])`
(the explicit Input stands in for the lab's first `fit` call, which builds the model).
"""

SOURCE = "https://github.com/Nishant-Pall/DL-Prac/blob/87184072b13fcd62e87aa5a2c7b149c4cfdb2fec/Custom-Models/Custom_layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/ax_dlprac_coursera_simpledense_tf_variable_kernel_bias_in_build.py:
as returned: Sequential, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['sequential/simple_dense/kernel:0', 'sequential/simple_dense/bias:0']
params of the case's own layers: {'simple_dense': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras.layers import Layer


class SimpleDense(Layer):
    def __init__(self, units=32):
        super(SimpleDense, self).__init__()
        self.units = units

    def build(self, input_shape):
        w_init = tf.random_normal_initializer()
        self.w = tf.Variable(name='kernel', initial_value=w_init(shape=(
            (input_shape[-1], self.units)), dtype='float32'), trainable=True)

        b_init = tf.zeros_initializer()
        self.b = tf.Variable(name='bias', initial_value=b_init(shape=(
            (self.units,)), dtype='float32'), trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():
    return tf.keras.Sequential([tf.keras.Input((1,)), SimpleDense(units=1)])
