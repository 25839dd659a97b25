"""The Keras guide's first custom layer, copied as written: `Linear(units=32, input_dim=32)` creates
its kernel with `add_weight(shape=(input_dim, units))` in `__init__`, with the input width passed by
hand (`Linear(4, 2)` for a (2, 2) input).

From HanLapzz/LH2 (`LH2.py`, the "making new layers and models via subclassing" example run as a
script). It works for the width it was given: the (2, 2) input, 12 parameters, weights created
before any call. The input width is a constructor argument rather than read from the input: the same
layer applied to a 3-feature input fails with a matmul shape error, and reusing the class elsewhere
needs the width spelled out again (the guide's own next section moves the weights to `build()`).

Porting edits: none besides removing the script-level prints; `build_model()` returns the layer
with the author's (2, 2) input.
"""

SOURCE = "https://github.com/HanLapzz/LH2/blob/6bd0f9d7868e75a0253dfe3469f581526ac7737d/LH2.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/e_lh2_linear_add_weight_in_init_with_input_dim.py:
as returned: Linear, count_params() = 12, 2 weights, unbuilt: none
after call: count_params() = 12, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script /tmp/mine21b/lh2probe.py: same layer on a (2, 3) input raised InvalidArgumentError: Exception encountered when calling Linear.call(). {{function_node __wrapped____MklMatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Mat; Linear(4) (default input_dim=32) on a (2, 2) input raised InvalidArgumentError: Exception encountered when calling Linear.call(). {{function_node __wrapped____MklMatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Mat"""

import tensorflow as tf
import keras


class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32):
        super().__init__()
        self.w = self.add_weight(
            shape=(input_dim, units), initializer="random_normal", trainable=True
        )
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():
    x = tf.ones((2, 2))
    linear_layer = Linear(4, 2)
    y = linear_layer(x)
    assert linear_layer.weights == [linear_layer.w, linear_layer.b]
    return linear_layer, x
