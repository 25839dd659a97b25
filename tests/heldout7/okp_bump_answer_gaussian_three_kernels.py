"""Correct: the answer's replacement for the trainable bump, y = a * exp(-b * (x - c)^2), with height, inverse width and centre as three `add_weight` kernels.

In the same thread as the non-differentiable threshold bump, the answer suggests a normal-shaped
bump instead and gives a `trainable_bump_layer` whose `build()` adds `kernel_a` ("ones"),
`kernel_b` and `kernel_c` with a broadcastable all-ones shape, and whose `call` computes
`kernel_a * exp(-kernel_b * square(x - kernel_c))`. Three scalar-shaped weights in an activation
layer look like the previous bug, but every one of them is used differentiably: all get gradients.
"""

SOURCE = "https://newbe.dev/implementing-a-trainable-generalized-bump-function-layer-in-keras-tensorflow"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py okp_bump_answer_gaussian_three_kernels.py:
as returned: Functional, count_params() = 28, 7 weights, unbuilt: none
after call: count_params() = 28, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bump': 3}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import backend as K


class trainable_bump_layer(tf.keras.layers.Layer):
    def __init__(self, *args, **kwargs):
        super(trainable_bump_layer, self).__init__(*args, **kwargs)

    def build(self, input_shape):
        shape = tuple(1 for _ in input_shape)
        self.kernel_a = self.add_weight(name="kernel_a", shape=shape, initializer="ones", trainable=True)
        self.kernel_b = self.add_weight(name="kernel_b", shape=shape, initializer="ones", trainable=True)
        self.kernel_c = self.add_weight(name="kernel_c", shape=shape, initializer="zeros", trainable=True)

    def call(self, x):
        return self.kernel_a * K.exp(-self.kernel_b * K.square(x - self.kernel_c))


def build_model():
    inputs = tf.keras.Input(shape=(4,))
    x = tf.keras.layers.Dense(4)(inputs)
    x = trainable_bump_layer(name="bump")(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
