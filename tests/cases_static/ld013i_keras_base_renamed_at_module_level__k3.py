# LD013 super-init-missing-or-late: the Keras base class reached through a top-level name (`Layer = layers.Layer`)
import keras
from keras import layers

Layer = layers.Layer
Dense = keras.layers.Dense

CASE, TITLE = "LD013i", "a base named at module level is still Keras's Layer: its subclasses must call super().__init__()"
FEATURES = 6


class Base(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)


class Chain(Base):
    def __init__(self, steps):  # LD013
        self.steps = steps

    def call(self, inputs):
        for step in self.steps:
            inputs = step(inputs)
        return inputs


class Step(Base):
    """Correct: calls the base's __init__."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = Dense(FEATURES)

    def call(self, inputs):
        return self.dense(inputs)
