"""A `Linear` layer creates its kernel in `__init__` from an `input_dim` argument that defaults to 32, then gets 64 features.

The PR fixes the subclassing guide's example, whose `Linear(units=32, input_dim=32)` builds
`w = add_weight(shape=(input_dim, units))` in `__init__` and was then called on `ones((3, 64))`:
the hand-passed input dimension does not match the data, and the matmul fails far from the
constructor. Rewritten with the guide's layer and a 64-feature functional input.
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/297"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld004_guide_linear_default_input_dim_mismatch.py:
build_model() raised ValueError: Exception encountered when calling Linear.call().
the same exception's message, further down (printed with str(error) by a script): 'Dimensions must be equal, but are 64 and 32 for MatMul with input shapes: [?,64], [32,32].'"""

import keras


class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32):
        super().__init__()
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return keras.ops.matmul(inputs, self.w) + self.b


def build_model():
    inputs = keras.Input((64,))
    x = Linear(32)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
