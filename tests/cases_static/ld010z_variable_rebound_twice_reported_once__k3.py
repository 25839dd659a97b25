# LD010 variable-shadowed: a weight rebound twice in build() (a chain of transforms) is one defect, reported once
import keras
from keras import ops

CASE, TITLE = "LD010z", "a weight rebound twice in build(): one finding, at the first rebind"
FEATURES = 4
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s40/probe_ld010z.py, probe_ld010z2.py): after building, PositiveScale.scale is a tensor;
# the variable stays in layer.weights and gets a None gradient. The second rebind only rewrites that copy, so the
# fix (keep the variable, apply both transforms in call()) is one change: ChainedScale does it and trains. ClippedScale
# (IndRNN's clipping, held-out 15): a tensor and a None gradient with floor=0 (only the second rebind runs) and 0.5.


class PositiveScale(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")
        self.scale = ops.exp(self.scale)  # LD010
        self.scale = ops.minimum(self.scale, 10.0)

    def call(self, x):
        return x * self.scale


class ClippedScale(keras.layers.Layer):
    """The first rebind runs only under its option: when it does not, the second one meets the variable. Both count."""

    def __init__(self, floor=0.0, **kwargs):
        super().__init__(**kwargs)
        self.floor = floor

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")
        if self.floor:
            self.scale = ops.maximum(self.scale, self.floor)  # LD010
        self.scale = ops.minimum(self.scale, 10.0)  # LD010

    def call(self, x):
        return x * self.scale


class ChainedScale(keras.layers.Layer):
    """Correct: both transforms run in call(), on the variable."""

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        return x * ops.minimum(ops.exp(self.scale), 10.0)
