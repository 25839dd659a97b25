# LD009 no-gradient: a Lambda that rounds (or takes an argmax) in the middle of a functional model
import keras
from keras import layers, ops

CASE, TITLE = "LD009h", "Lambda(sign) between trainable layers; Lambda(argmax) as the output is fine"


def make_functional():
    inputs = keras.Input((8,))
    h = layers.Dense(6)(inputs)
    codes = layers.Lambda(lambda t: ops.sign(t))(h)  # LD009
    out = layers.Dense(2)(codes)
    return keras.Model(inputs, out)


def make_classifier():
    inputs = keras.Input((8,))
    probs = layers.Dense(3, activation="softmax")(inputs)
    label = layers.Lambda(lambda p: ops.argmax(p, axis=-1))(probs)  # decoding the output: fine
    return keras.Model(inputs, label)


def make_straight_through():
    inputs = keras.Input((8,))
    h = layers.Dense(6, activation="sigmoid")(inputs)
    binary = layers.Lambda(lambda t: t + ops.stop_gradient(ops.round(t) - t))(h)
    return keras.Model(inputs, layers.Dense(1)(binary))
