# LD006 private-weight-list: `self._trainable_weights = ...` assigned on Keras 3 (no error: an alias that is saved twice)
from keras import layers

CASE, TITLE = "LD006g", "assigning Keras 2's private weight lists on Keras 3 aliases the variables (a warning)"
FEATURES = 6


class AliasedBlock(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(3)

    def build(self, input_shape):
        self.dense.build(input_shape)
        self._trainable_weights = self.dense.trainable_weights  # LD006
        self._non_trainable_weights = []  # LD006

    def call(self, inputs):
        return self.dense(inputs)


class AppendedBlock(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(3)

    def build(self, input_shape):
        self.dense.build(input_shape)
        self._trainable_weights.append(self.dense.kernel)  # LD006

    def call(self, inputs):
        return self.dense(inputs)


class PlainBlock(layers.Layer):
    """Correct: the sublayer's weights are tracked without help."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(3)

    def build(self, input_shape):
        self.dense.build(input_shape)

    def call(self, inputs):
        return self.dense(inputs)
