"""A pairwise-interaction layer starts its output accumulator as a backend variable created inside `call()`.

The report's layer loops over input features in `call()`, starting from
`out = K.variable(np.zeros((1, output_dim)))` and adding one kernel product per feature; the
kernel itself is an `add_weight` in `build()`. Every call creates a new variable (the shape error
the user saw came from its fixed batch dimension of 1). Rewritten with `keras.Variable` and `keras.ops`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/7039"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld002_pairwise_layer_accumulator_variable_in_call.py:
build_model() raised ValueError: Exception encountered when calling PairWiseLayer.call().
the same exception's message, further down (printed with str(error) by a script): 'You are attempting to create a variable while in a stateless scope. This is disallowed.'"""

import keras
import numpy as np


class PairWiseLayer(keras.layers.Layer):
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.output_dim), initializer="uniform", name="kernel")

    def call(self, inputs):
        out = keras.Variable(np.zeros((1, self.output_dim), dtype="float32"), name="accumulator")
        n = inputs.shape[-1]
        for i in range(n):
            only_i = np.zeros((n, n), dtype="float32")
            only_i[i, i] = 1.0
            others = np.eye(n, dtype="float32")
            others[i, i] = 0.0
            out = out + (keras.ops.matmul(keras.ops.matmul(inputs, only_i), self.kernel)
                         * keras.ops.matmul(keras.ops.matmul(inputs, others), self.kernel))
        return out


def build_model():
    inputs = keras.Input((4,))
    x = PairWiseLayer(3)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
