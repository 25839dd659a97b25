"""A from-scratch `DenseLayer` stores its kernel as `self.weights = self.add_weight(...)`: `weights` is Keras's own
read-only list of the layer's variables, so on Keras 3 the assignment raises and the layer cannot even be built.

From juma-paul/deep_learning (`dense_layer.py`, "1. Create Dense layer from scartch", MIT 6.S191-style lecture
notes): `__init__(self, input_dim, output_dim)` calls `super().__init__()`, then `self.weights =
self.add_weight([input_dim, output_dim])` and `self.bias = self.add_weight([1, output_dim])`, and `call` computes
`tf.math.sigmoid(tf.matmul(inputs, self.weights) + self.bias)`. Assigning over the framework's weight list is the
LD006 defect (the catalog names `trainable_weights`; `weights` is the same property family and fails the same way).
The `add_weight` in `__init__` from a hand-given `input_dim` is LD004, a warning, and never reached.

Porting edits: the file subclasses `tf.keras.layer.Layer` (a typo: no `layer` module exists, so the class statement
itself fails with AttributeError on any TensorFlow); corrected to `tf.keras.layers.Layer` to reach the bug.
The script's `input()`-driven Sequential demo is left out. build_model() makes DenseLayer(3, 2) as the notes do
(3 inputs, 2 outputs) on a (4, 3) batch.
"""

SOURCE = "https://github.com/juma-paul/deep_learning/blob/0d29af6cee035f982c9405b72c41c2e62d0e8189/dense_layer.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bl/bl_jumapaul_deeplearning_denselayer_assigns_weights_property_in_init.py:
build_model() raised AttributeError: property 'weights' of 'DenseLayer' object has no setter
(raised by the first line of __init__ after super(), `self.weights = self.add_weight([input_dim, output_dim])`.)"""

import tensorflow as tf

# 1. Create Dense layer from scartch

class DenseLayer(tf.keras.layers.Layer):
    def __init__(self, input_dim, output_dim):
        super(DenseLayer, self).__init__()

        # Initailize weights and bias
        self.weights = self.add_weight([input_dim, output_dim])
        self.bias = self.add_weight([1, output_dim])

    def call(self, inputs):
        # Forward propagate the inputs
        z = tf.matmul(inputs, self.weights) + self.bias

        # Feed through a non-linear activation
        output = tf.math.sigmoid(z)

        return output


def build_model():
    layer = DenseLayer(3, 2)
    return layer, tf.ones((4, 3))
