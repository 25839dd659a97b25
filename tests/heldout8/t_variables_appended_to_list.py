"""Per-feature tf.Variables collected in Python lists (append in a loop, and a list comprehension) on a Layer.

The report compares ways of holding state on subclassed layers/models in tf.keras 2: variables made
with a list comprehension were tracked, variables appended one by one to an initially empty list
were not, and layers appended to a list were. The reporter's note: with `self.add_weight` every form
works. On Keras 3 neither list form matters: a `tf.Variable` is never tracked by a Keras layer, so
the whole gating layer has no weights at all.
"""

SOURCE = "https://github.com/keras-team/tf-keras/issues/513"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py t_variables_appended_to_list.py:
as returned: Functional, count_params() = 121, 6 weights, unbuilt: none
after call: count_params() = 121, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 8 variables the model does not track: ['offset_0:0', 'offset_1:0', 'offset_2:0', 'offset_3:0', 'gate_0:0', 'gate_1:0']
params of the case's own layers: {'gated_regressor': 121, 'feature_gates': 0}
second call: 0 variables watched that the first call did not use
(all 8 tf.Variables of FeatureGates -- appended and list-comprehension alike -- are untracked: 0 params)"""

import keras
import tensorflow as tf


class FeatureGates(keras.layers.Layer):
    """Multiplies each input feature by its own learned gate and adds a learned offset."""

    def __init__(self, n_features, **kwargs):
        super().__init__(**kwargs)
        self.n_features = n_features
        # variables in a list comprehension
        self.offsets = [tf.Variable(0.0, name=f"offset_{i}") for i in range(n_features)]
        # variables appended to an empty list
        self.gates = []
        for i in range(n_features):
            self.gates.append(tf.Variable(1.0, name=f"gate_{i}"))

    def call(self, inputs):
        columns = tf.unstack(inputs, axis=-1)
        gated = [c * g + b for c, g, b in zip(columns, self.gates, self.offsets)]
        return tf.stack(gated, axis=-1)

    def get_config(self):
        return {**super().get_config(), "n_features": self.n_features}


class GatedRegressor(keras.Model):
    def __init__(self, n_features, **kwargs):
        super().__init__(**kwargs)
        self.gating = FeatureGates(n_features)
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
    model = GatedRegressor(n_features)
    outputs = model(inputs)
    return keras.Model(inputs, outputs)
