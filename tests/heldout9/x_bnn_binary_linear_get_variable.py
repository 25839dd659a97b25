"""Binarized neural network whose linear layers create their weights with `tf.get_variable` in build().

carlomarxdk/BNN (experiments with binarized networks: sign activations with straight-through
gradients) writes `BinaryLinearLayer.build()` in TF1 style:
`self.weight = tf.get_variable('weight', [in, out], initializer=xavier)`. The straight-through
`binarize` (custom gradient) is fine, but the weight is a raw TF variable made outside the Keras
weight API: on Keras 3 it is not tracked, so the binary layers report 0 parameters, the model's
`trainable_weights` are empty and `fit` has nothing to train, while the variables are still read in
`call()`. It is the LD003 defect reached through `tf.compat.v1.get_variable` instead of
`tf.Variable(...)`. Ported: `tf.get_variable`/`tf.contrib` xavier -> `tf.compat.v1` equivalents.
"""

SOURCE = "https://github.com/carlomarxdk/BNN/blob/1a5f2dfb2cbf968c62f4a7e2c3b0518242b85cfd/binary_neuron/layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py x_bnn_binary_linear_get_variable.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 3 variables the model does not track: ['weight:0', 'weight:0', 'weight:0']
params of the case's own layers: {'binary_linear_layer': 0, 'hard_tan_h': 0, 'binary_linear_layer_1': 0, 'hard_tan_h_1': 0, 'binary_linear_layer_2': 0, 'soft_max': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


# --- binary_neuron/utils.py --------------------------------------------------------------------
@tf.custom_gradient
def hard_tanh(x):
    def grad(dy):
        return dy

    return tf.clip_by_value(x, -1., 1.), grad


@tf.custom_gradient
def binarize(x):
    def grad(dy):
        return dy

    return tf.sign(x), grad


# --- binary_neuron/layers.py -------------------------------------------------------------------
class BinaryLinearLayer(tf.keras.layers.Layer):
    def __init__(self, num_out, binarize_input=True):
        super(BinaryLinearLayer, self).__init__()
        self.num_out = num_out
        self.binarize_input = binarize_input

    def build(self, input_shape):
        self.weight = tf.compat.v1.get_variable('weight', [int(input_shape[-1]), self.num_out],
                                                initializer=tf.compat.v1.glorot_uniform_initializer(),
                                                dtype=tf.float32)
        super(BinaryLinearLayer, self).build(input_shape)

    def call(self, x):
        if self.binarize_input:
            x = binarize(x)
        weight = binarize(self.weight)
        return tf.matmul(x, weight)


class HardTanH(tf.keras.layers.Layer):
    def call(self, x):
        return hard_tanh(x)


class SoftMax(tf.keras.layers.Layer):
    def call(self, x):
        return tf.nn.softmax(x)


def build_model(n_features=5, hidden=100, n_classes=2):
    inputs = tf.keras.Input(shape=(n_features,))
    x = BinaryLinearLayer(hidden, binarize_input=False)(inputs)
    x = HardTanH()(x)
    x = BinaryLinearLayer(50)(x)
    x = HardTanH()(x)
    x = BinaryLinearLayer(n_classes)(x)
    outputs = SoftMax()(x)
    return tf.keras.Model(inputs, outputs)
