# LD007 shared-layer: one layer instance reached by code that runs more than once
import tensorflow as tf
from tensorflow import keras

CASE, TITLE = "LD007b", "a global layer used by a helper called twice, a layer called in a loop, self.layer called twice"
INPUTS = [(8,), (8,)]

shared_proj = keras.layers.Dense(8, activation="tanh")  # LD007


def encode(x):
    return shared_proj(x)


def make_functional():
    left = keras.Input((8,))
    right = keras.Input((8,))
    score = keras.layers.Dot(axes=-1)([encode(left), encode(right)])
    return keras.Model([left, right], score)


def stacked(depth=3):
    block = keras.layers.Dense(8, activation="relu")  # LD007
    inp = keras.Input((8,))
    h = inp
    for _ in range(depth):
        h = block(h)
    return keras.Model(inp, h)


class PairScorer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = keras.layers.Dense(4)  # LD007
        self.drop = keras.layers.Dropout(0.1)

    def call(self, inputs, training=False):
        left, right = inputs
        return tf.reduce_sum(self.drop(self.proj(left), training=training) * self.drop(self.proj(right), training=training))


# Correct look-alikes, no finding: a new layer per iteration, calls in exclusive branches.
def fresh_per_iteration(depth=3):
    inp = keras.Input((8,))
    h = inp
    for _ in range(depth):
        h = keras.layers.Dense(8)(h)
    return keras.Model(inp, h)


class Branchy(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = keras.layers.Dense(4)

    def call(self, x, training=False):
        if training:
            out = self.proj(x * 2.0)
        else:
            out = self.proj(x)
        return out
