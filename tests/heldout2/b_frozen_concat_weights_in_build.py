"""A custom layer concatenates two `add_weight` matrices in `build()` and multiplies by the result in `call()`.

The report needed several weight matrices side by side; `tf.concat` of the weights in `build`
gave "No gradients provided for any variable", while keeping a list in `build` and concatenating
in `call` worked. The concatenation is a tensor computed once from the initial values.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/40632"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_frozen_concat_weights_in_build.py:
as returned: Functional, count_params() = 57, 4 weights, unbuilt: none
after call: count_params() = 57, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['two_block_dense/left', 'two_block_dense/right']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'two_block_dense': 48}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class TwoBlockDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        half = self.units // 2
        self.left = self.add_weight(shape=(input_shape[-1], half), name="left")
        self.right = self.add_weight(shape=(input_shape[-1], self.units - half), name="right")
        self.kernel = ops.concatenate([self.left, self.right], axis=1)

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


def build_model():
    inputs = keras.Input((6,))
    hidden = TwoBlockDense(8)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(hidden))
