# LD005 unbuilt-sublayer: `def call` indented inside __init__: the class has no call(), its sublayers are never built
import keras
from keras import layers

CASE, TITLE = "LD005zl", "call() written inside __init__: NotImplementedError, sublayers never built"
FEATURES = 6
# (heldout33 aq_chevron9, measured on Keras 3.15.1 + TF 2.21: NotImplementedError "Layer Decoder does not have a
# `call` method implemented", the decoder has 0 weights and 6 unbuilt sublayers)


class Decoder(layers.Layer):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(32)
        self.out = layers.Dense(6)

        def call(self, x):  # LD005
            return self.out(self.dense(x))


class Block(layers.Layer):
    """Correct: the nested function is a helper of __init__; call() is at the class's level."""

    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(6)

        def call(x):
            return x

        self.identity = call

    def call(self, x):
        return self.dense(x)


class Base(layers.Layer):
    def call(self, x):
        return self.dense(x)


class Child(Base):
    """Correct: call() comes from a project base."""

    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(6)

        def call(x):
            return x

        self.helper = call


class Abstract(keras.Model):
    """Correct as far as lint can tell: a subclass defines call()."""

    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(6)

        def call(x):
            return x

        self.helper = call


class Concrete(Abstract):
    def call(self, x):
        return self.dense(x)
