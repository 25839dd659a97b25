"""Correct on Keras 3: a trainable matrix made a weight of a small layer, then multiplied with a KerasTensor while wiring the model.

The report followed the Lambda documentation's advice (make the variable a weight of a subclassed
layer rather than capture it in a Lambda) but then used it as `tf.linalg.matmul(x, holder.w)` in the
functional graph, and still got "The following Variables were used a Lambda layer's call ... but are
not present in its tracked objects". Ported to Keras 3 with `keras.ops.matmul`: the holder layer is
itself called on the model's input, so its weight belongs to the model, and the functional graph
replays the matmul with the live variable: measured correct on Keras 3 (the warning was tf.keras 2's).
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/48535"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_matmul_with_weight_of_wired_layer.py:
as returned: Functional, count_params() = 45, 3 weights, unbuilt: none
after call: count_params() = 45, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'weight_holder': 40}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class WeightHolder(keras.layers.Layer):
    def __init__(self, shape, **kwargs):
        super().__init__(**kwargs)
        self.w = self.add_weight(shape=shape, initializer="glorot_uniform", name="w")

    def call(self, x):
        return x


def build_model():
    inputs = keras.Input((10,))
    holder = WeightHolder((10, 4))
    x = holder(inputs)
    projected = ops.matmul(x, holder.w)
    outputs = keras.layers.Dense(1)(projected)
    return keras.Model(inputs, outputs)
