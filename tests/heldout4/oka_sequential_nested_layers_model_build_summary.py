"""Correct: `Sequential([OuterLayer(10)])` then `model.build((None, 5))`, the outer layer holding an inner layer that uses `add_weight`.

The post "Why are the total parameters zero in a TensorFlow 2 Keras nested model subclass?" shows a
broken version (the inner weight a raw `tf.Variable`) and a fixed one: `InnerLayer` creates its
kernel with `add_weight` in `build()`, `OuterLayer` holds it from `__init__` with no `build()` of
its own, and the Sequential model is built explicitly with `model.build((None, 5))` before
`summary()`. An explicit build with nested sublayers looks like the unbuilt-sublayer bug, but a
Sequential's build runs its layers on a symbolic input, so the inner kernel exists and counts.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/why-are-the-total-parameters-zero-in-a.md"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_sequential_nested_layers_model_build_summary.py:
as returned: Sequential, count_params() = 50, 1 weights, unbuilt: none
after call: count_params() = 50, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'outer_layer': 50, 'inner_layer': 50}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class InnerLayer(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        super().build(input_shape)

    def call(self, inputs):
        return ops.matmul(inputs, self.w)


class OuterLayer(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.inner = InnerLayer(units)

    def call(self, inputs):
        return self.inner(inputs)


def build_model():
    model = keras.Sequential([OuterLayer(10)])
    model.build((None, 5))
    return model
