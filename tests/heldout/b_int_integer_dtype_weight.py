"""A layer whose trainable weight is created with an integer dtype: it can never receive a gradient.

The Keras 3 report ("No gradients provided for any variable" when a variable uses an integer data
type) wanted discrete-valued parameters; `add_weight(dtype="int32")` is accepted and the model runs.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20058"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_int_integer_dtype_weight.py:
as returned: Functional, count_params() = 9, 3 weights, unbuilt: none
after call: count_params() = 9, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 3 trainable weights: ['discrete_scale/steps']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'discrete_scale': 4}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class DiscreteScale(keras.layers.Layer):
    def build(self, input_shape):
        self.steps = self.add_weight(shape=(input_shape[-1],), initializer="ones", dtype="int32", name="steps")

    def call(self, x):
        return x * ops.cast(self.steps, x.dtype)


def build_model():
    inputs = keras.Input((4,))
    x = DiscreteScale()(inputs)
    outputs = keras.layers.Dense(1)(x)
    model = keras.Model(inputs, outputs)
    model.compile("sgd", "mse")
    return model
