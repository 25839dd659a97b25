"""A custom recurrent-style layer that sets its flags (`stateful`, `trainable`) before calling `super().__init__()`.

The report points out that `self.stateful = stateful` written before `super().__init__(**kwargs)` is
reset by the base class, so `MyLayer(stateful=True)` silently is not; the answer: call `super().__init__`
first. Here the layer also freezes itself the same way: on Keras 3 the `stateful` flag survives, but
`trainable` is reset by `Layer.__init__`, so the "frozen" layer trains.
"""

SOURCE = "https://github.com/keras-team/keras/issues/11017"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld013_stateful_flag_before_super.py:
as returned: Functional, count_params() = 21, 2 weights, unbuilt: none
after call: count_params() = 21, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'running_sum': 21}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class RunningSum(keras.layers.Layer):
    def __init__(self, units, stateful=True, frozen=True, **kwargs):
        self.stateful = stateful
        self.trainable = not frozen
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.total = self.add_weight(shape=(self.units,), initializer="zeros", trainable=False, name="total")

    def call(self, x):
        step = ops.mean(ops.matmul(x, self.kernel), axis=0)
        if self.stateful:
            self.total.assign(self.total + step)
        return ops.matmul(x, self.kernel) + self.total


def build_model():
    inputs = keras.Input((6,))
    outputs = RunningSum(3, stateful=True, frozen=True)(inputs)
    return keras.Model(inputs, outputs)
