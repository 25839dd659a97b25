"""Correct: the fix from the "Initializer ... inside a control-flow construct" answer: the weight is created once in `build()` and `call()` only branches on how to use it.

The page's recommended pattern moves `add_weight` out of the forward pass into `build(input_shape)`;
the layer keeps a Python conditional in `call` (here: an optional ReLU chosen at construction), so
it still has control flow around the variable, but the variable itself is made once, tracked and
trained. Looks like the state-in-call bug at a glance (conditional + weight in the same layer).
"""

SOURCE = "https://codemia.io/knowledge-hub/path/keras_tensorflow_initializer_for_variable_is_from_inside_a_control-flow_construct_a_loop_or_conditional"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py okp_add_weight_moved_to_build.py:
as returned: Functional, count_params() = 18, 1 weights, unbuilt: none
after call: count_params() = 18, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lazy': 18}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class LazyDense(tf.keras.layers.Layer):
    def __init__(self, units, use_relu=False, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.use_relu = use_relu

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[-1], self.units),
            initializer="glorot_uniform", trainable=True)

    def call(self, inputs):
        outputs = tf.matmul(inputs, self.kernel)
        if self.use_relu:
            outputs = tf.nn.relu(outputs)
        return outputs


def build_model():
    inputs = tf.keras.Input(shape=(6,))
    outputs = LazyDense(3, use_relu=True, name="lazy")(inputs)
    return tf.keras.Model(inputs, outputs)
