# LD009 no-gradient: a Lambda that goes through integers and comes back with arithmetic on constants
import keras
from keras import layers, ops

CASE, TITLE = "LD009l", "quantise to int, mix with constants, scale back: the Dense before gets no gradient"
FEATURES = 6


def quantise(x):
    steps = ops.cast(x * 16.0, "int32")
    return ops.cast(ops.bitwise_and(steps, 255), "float32") / 16.0


def make_quantised():
    inputs = keras.Input((FEATURES,))
    x = layers.Dense(8)(inputs)
    x = layers.Lambda(quantise)(x)  # LD009
    return keras.Model(inputs, layers.Dense(1)(x))


def make_rounded_offset():
    inputs = keras.Input((FEATURES,))
    x = layers.Dense(8)(inputs)
    x = layers.Lambda(lambda t: ops.round(t) * 0.5 + 1.0)(x)  # LD009
    return keras.Model(inputs, layers.Dense(1)(x))


def straight_through(x):
    q = ops.cast(ops.cast(x * 16.0, "int32"), "float32") / 16.0
    return x + ops.stop_gradient(q - x)


def make_straight_through():
    """Correct: the quantised value passes the gradient straight through."""
    inputs = keras.Input((FEATURES,))
    x = layers.Dense(8)(inputs)
    return keras.Model(inputs, layers.Dense(1)(layers.Lambda(straight_through)(x)))
