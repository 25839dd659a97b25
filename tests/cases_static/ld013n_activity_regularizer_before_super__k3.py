# LD013 super-init-missing-or-late: `activity_regularizer` set before super().__init__(**kwargs), which resets it to None
from keras import layers, ops, regularizers

CASE, TITLE = "LD013n", "activity_regularizer before super().__init__(): reset unless handed to it"
FEATURES = 6
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/p36/ar.py): GraphConv(activity_regularizer="l2") has
# activity_regularizer None and no loss after a call; HandedOn keeps its L2 and adds one loss; FrozenByDefault()
# is trainable (True) again.


class GraphConv(layers.Layer):
    def __init__(self, units, activity_regularizer=None, **kwargs):
        self.units = units
        self.activity_regularizer = regularizers.get(activity_regularizer)  # LD013
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


class HandedOn(layers.Layer):
    """Correct: the same argument goes to Layer.__init__, which sets the same regularizer again."""

    def __init__(self, units, activity_regularizer=None, **kwargs):
        self.units = units
        self.activity_regularizer = regularizers.get(activity_regularizer)
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


class FrozenByDefault(layers.Layer):
    def __init__(self, units, trainable=True, **kwargs):
        self.trainable = False  # LD013
        super().__init__(trainable=trainable, **kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


class HandsItsOwn(layers.Layer):
    """Correct: the attribute itself goes to Layer.__init__ (tf-keras's mixed-precision test layer)."""

    def __init__(self, units, activity_regularizer=None, **kwargs):
        self._activity_regularizer = activity_regularizer
        if isinstance(activity_regularizer, dict):
            self._activity_regularizer = regularizers.deserialize(activity_regularizer)
        super().__init__(activity_regularizer=self._activity_regularizer, **kwargs)
        self.units = units

    def call(self, inputs):
        return inputs
