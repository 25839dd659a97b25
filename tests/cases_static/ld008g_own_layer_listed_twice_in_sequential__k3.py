# LD008 incompatible-reuse: one instance of a project layer listed twice in a Sequential, widths differ
import keras
from keras import layers

CASE, TITLE = "LD008g", "the same custom block instance twice in Sequential([...]) across a width change"


class Block(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units, activation="relu")

    def call(self, inputs):
        return self.dense(inputs)


def make_twice():
    block = Block(32)
    return keras.Sequential([
        keras.Input((20,)),
        block,
        layers.Dense(16),
        block,  # LD008
        layers.Dense(1),
    ])


def make_two_blocks():
    """Correct: two instances."""
    return keras.Sequential([
        keras.Input((20,)),
        Block(32),
        layers.Dense(16),
        Block(32),
        layers.Dense(1),
    ])
