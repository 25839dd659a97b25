# LD009 no-gradient: a Lambda that rounds (or takes an argmax) in the middle of a functional model
import keras
from keras import layers, ops

CASE, TITLE = "LD009h", "Lambda(sign) between trainable layers; Lambda(argmax) as the output of fresh layers"


def make_functional():
    inputs = keras.Input((8,))
    h = layers.Dense(6)(inputs)
    codes = layers.Lambda(lambda t: ops.sign(t))(h)  # LD009
    out = layers.Dense(2)(codes)
    return keras.Model(inputs, out)


def make_classifier():
    inputs = keras.Input((8,))
    probs = layers.Dense(3, activation="softmax")(inputs)
    label = layers.Lambda(lambda p: ops.argmax(p, axis=-1))(probs)  # LD009
    return keras.Model(inputs, label)  # (the Dense is fresh and only decoded: nothing can train it)


def make_trainer_and_decoder():
    """Correct: the decoder shares the Dense with a model that trains it."""
    inputs = keras.Input((8,))
    probs = layers.Dense(3, activation="softmax")(inputs)
    trainer = keras.Model(inputs, probs)
    decoder = keras.Model(inputs, layers.Lambda(lambda p: ops.argmax(p, axis=-1))(probs))
    return trainer, decoder


def make_straight_through():
    inputs = keras.Input((8,))
    h = layers.Dense(6, activation="sigmoid")(inputs)
    binary = layers.Lambda(lambda t: t + ops.stop_gradient(ops.round(t) - t))(h)
    return keras.Model(inputs, layers.Dense(1)(binary))
