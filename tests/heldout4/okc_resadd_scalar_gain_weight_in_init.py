"""A residual-add layer creates its scalar gain with `add_weight` in `__init__`, not in `build()`.

The report's `ResAdd` layer keeps one trainable scalar, `res_gain`, created with
`self.add_weight(shape=(), initializer="zeros")` directly in the constructor, and returns
`res * gain + skip` for a pair of inputs. The user saw saving in the TF SavedModel format fail on
tf.keras 2.5. A shape-free weight in `__init__` needs no input dimension: on Keras 3 it is
tracked, counted and gets a gradient. Rewritten as a small functional block with `keras.ops`.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/51835"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py okc_resadd_scalar_gain_weight_in_init.py:
as returned: Functional, count_params() = 170, 7 weights, unbuilt: none
after call: count_params() = 170, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'res_add': 1}
second call: 0 variables watched that the first call did not use"""

import keras


class ResAdd(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.res_gain = self.add_weight(shape=(), initializer="zeros", trainable=True, name="res_gain")

    def call(self, inputs):
        res, skip = inputs
        gain = keras.ops.cast(self.res_gain, res.dtype)
        return res * gain + skip


def build_model():
    inputs = keras.Input((8, 8, 3))
    skip = keras.layers.Conv2D(4, 1)(inputs)
    res = keras.layers.Conv2D(4, 3, padding="same", activation="relu")(skip)
    merged = ResAdd()([res, skip])
    outputs = keras.layers.Dense(1)(keras.layers.GlobalAveragePooling2D()(merged))
    return keras.Model(inputs, outputs)
