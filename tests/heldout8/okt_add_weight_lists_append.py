"""Per-feature weights made with `self.add_weight` and appended to a Python list in build().

Same report family as the tf-keras one on "unpredictable" variable tracking in lists (variables in a
list comprehension tracked, appended ones not): the reporter notes that with `self.add_weight`
every list form works. This is that variant, written the way a user would after the advice: a list
grown with append in `build()`, plus a list of Dense blocks grown with append in `__init__`. Looks
like an untracked container; on Keras 3 the lists are tracked and every weight is counted and trained.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/56768"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py okt_add_weight_lists_append.py:
as returned: Functional, count_params() = 129, 14 weights, unbuilt: none
after call: count_params() = 129, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gated_regressor': 129, 'feature_gates': 8}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class FeatureGates(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gates = []
        self.offsets = []

    def build(self, input_shape):
        n_features = input_shape[-1]
        for i in range(n_features):
            self.gates.append(self.add_weight(shape=(), initializer="ones", name=f"gate_{i}"))
            self.offsets.append(self.add_weight(shape=(), initializer="zeros", name=f"offset_{i}"))

    def call(self, inputs):
        columns = ops.unstack(inputs, axis=-1)
        gated = [c * g + b for c, g, b in zip(columns, self.gates, self.offsets)]
        return ops.stack(gated, axis=-1)


class GatedRegressor(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gating = FeatureGates()
        self.blocks = []
        for units in (8, 8):
            self.blocks.append(keras.layers.Dense(units, activation="relu"))
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        x = self.gating(inputs)
        for block in self.blocks:
            x = block(x)
        return self.head(x)


def build_model(n_features=4):
    inputs = keras.Input(shape=(n_features,))
    outputs = GatedRegressor()(inputs)
    return keras.Model(inputs, outputs)
