# LD013 super-init-missing-or-late: a setting set before super().__init__() to the value Layer.__init__ writes anyway
from keras import layers, ops

CASE, TITLE = "LD013o", "settings at Keras's own defaults before super().__init__(): nothing is reset"
FEATURES = 6
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases.py): Kept() is trainable, not built before its call,
# and stateful (Keras 3's Layer.__init__ does not write `stateful`); Frozen() is trainable again (True).


class Kept(layers.Layer):
    """Correct: janggu's DnaConv2D sets `_trainable = True` first; Layer.__init__ writes True again."""

    def __init__(self, units, **kwargs):
        self._trainable = True
        self.built = False
        self.stateful = True
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


class Frozen(layers.Layer):
    def __init__(self, units, **kwargs):
        self.trainable = False  # LD013
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)
