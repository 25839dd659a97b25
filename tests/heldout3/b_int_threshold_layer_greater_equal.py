"""A "trainable threshold" layer turns its input into 0/1 by comparing it with an `add_weight` threshold.

The report built `ThresholdLayer` whose `build` adds a `threshold` weight (initialised to 0.2) and whose
`call` is `where(x >= threshold, 1, 0)`, then trained it on top of a classifier's outputs and got
"weird results": the threshold never moved. A comparison has no gradient, so the threshold (and
everything before the layer) receives none.
"""

SOURCE = "https://github.com/keras-team/keras/issues/6926"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_int_threshold_layer_greater_equal.py:
as returned: Functional, count_params() = 307, 3 weights, unbuilt: none
after call: count_params() = 307, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 3 of 3 trainable weights: ['dense/kernel', 'dense/bias', 'threshold_layer/threshold']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'threshold_layer': 1}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class ThresholdLayer(keras.layers.Layer):
    def build(self, input_shape):
        self.threshold = self.add_weight(name="threshold", shape=(1,),
                                         initializer=keras.initializers.Constant(0.2))

    def call(self, x):
        above = ops.greater_equal(x, self.threshold)
        return ops.where(above, ops.ones_like(x), ops.zeros_like(x))


def build_model():
    scores = keras.Input((17,))
    probabilities = keras.layers.Dense(17, activation="sigmoid")(scores)
    return keras.Model(scores, ThresholdLayer()(probabilities))
