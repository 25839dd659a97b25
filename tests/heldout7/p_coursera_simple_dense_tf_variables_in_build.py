"""Course-notebook `SimpleDense` layer that creates its kernel and bias as `tf.Variable`s in `build()`: on Keras 3 the layer has no weights and nothing trains.

A learner's notes for the "Custom Models, Layers, and Loss Functions with TensorFlow" course build
a `SimpleDense(units=1)` layer: `build()` makes `self.w = tf.Variable(name="kernel",
initial_value=w_init(shape=(input_shape[-1], self.units)), trainable=True)` and `self.b` the same
way with zeros, and `call` returns `tf.matmul(inputs, self.w) + self.b`. The notebook then puts it
in `tf.keras.Sequential([my_layer])`, compiles with SGD/MSE and fits y = 2x - 1, printing
`my_layer.variables`. That worked on tf.keras 2, which tracked raw tf.Variables; on Keras 3
(`tf.keras` is Keras 3 in TF 2.16+) the two variables are ignored: the model has no weights.
"""

SOURCE = "https://github.com/keikogolden/deep-learning-keras-tf"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py p_coursera_simple_dense_tf_variables_in_build.py:
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
        self.w = tf.Variable(name="kernel",
                             initial_value=w_init(shape=(input_shape[-1], self.units), dtype="float32"),
                             trainable=True)
        b_init = tf.zeros_initializer()
        self.b = tf.Variable(name="bias",
                             initial_value=b_init(shape=(self.units,), dtype="float32"),
                             trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():
    my_layer = SimpleDense(units=1)
    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), my_layer])
    model.compile(optimizer="sgd", loss="mean_squared_error")
    return model
