"""An attention sub-module inherits from `Layer` and a plain mixin and never calls `super().__init__()`.

The report (doctr's SAR recognizer) defines its sub-modules as `class AttentionModule(layers.Layer,
NestedObject)` where `NestedObject` is a plain helper mixin; the `__init__` sets its convolutions
straight away and never calls `super().__init__()`. The fix added the missing calls. Rewritten
with a small mixin that adds a `describe()` helper.
"""

SOURCE = "https://github.com/mindee/doctr/pull/43"
CODES = ("LD013",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld013_sar_attention_module_mixin_without_super.py:
build_model() raised RuntimeError: In layer 'AttentionModule', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!"""

import keras


class NestedObject:
    """Pretty-prints nested modules (no state of its own)."""

    def describe(self):
        return type(self).__name__


class AttentionModule(keras.layers.Layer, NestedObject):
    def __init__(self, attention_units):
        self.feat_conv = keras.layers.Conv2D(attention_units, 3, padding="same")
        self.state_conv = keras.layers.Conv2D(attention_units, 1, use_bias=False)
        self.attention_projector = keras.layers.Conv2D(1, 1, use_bias=False)

    def call(self, features):
        scores = self.attention_projector(keras.ops.tanh(self.feat_conv(features) + self.state_conv(features)))
        weights = keras.ops.softmax(keras.ops.reshape(scores, (-1, scores.shape[1] * scores.shape[2])))
        weights = keras.ops.reshape(weights, (-1, scores.shape[1], scores.shape[2], 1))
        return keras.ops.sum(features * weights, axis=(1, 2))


def build_model():
    inputs = keras.Input((4, 6, 8))
    glimpse = AttentionModule(16)(inputs)
    return keras.Model(inputs, keras.layers.Dense(5)(glimpse))
