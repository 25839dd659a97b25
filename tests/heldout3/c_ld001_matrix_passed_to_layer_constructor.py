"""A layer receives a ready-made weight matrix in its constructor and multiplies by it in `call()`.

Asked how to turn an existing TensorFlow tensor into Keras weights, the accepted answer in the
report rewrites `MyLayer` to take `your_matrix` in `__init__`, keep it as an attribute, skip
`add_weight` and use it in `call()`. The user wanted to go on training that matrix: a NumPy array
(or tensor) on `self` is a constant, not a weight. Rewritten with a NumPy matrix and `keras.ops`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5325"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld001_matrix_passed_to_layer_constructor.py:
as returned: Functional, count_params() = 4, 2 weights, unbuilt: none
after call: count_params() = 4, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np


class MyLayer(keras.layers.Layer):
    def __init__(self, your_matrix, **kwargs):
        super().__init__(**kwargs)
        self.your_matrix = your_matrix

    def build(self, input_shape):
        super().build(input_shape)

    def call(self, inputs):
        return keras.ops.matmul(inputs, self.your_matrix)


def build_model():
    pretrained = np.random.default_rng(0).standard_normal((6, 3)).astype("float32")
    inputs = keras.Input((6,))
    x = MyLayer(pretrained)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
