# LD008 incompatible-reuse: one layer instance added twice to a Sequential after the width changed
import keras
from keras import layers

CASE, TITLE = "LD008f", "the same Dense/Conv instance added twice to a Sequential (add(), a list, a loop)"


def add_twice():
    model = keras.Sequential()
    model.add(keras.Input(shape=(7,)))
    hidden = layers.Dense(units=20, activation="relu")
    model.add(hidden)
    model.add(hidden)  # LD008: built for 7 features, the second add feeds it 20
    model.add(layers.Dense(1))
    return model


def conv_listed_twice():
    conv = layers.Conv1D(8, 3, padding="same", activation="relu")
    return keras.Sequential([
        keras.Input((10, 16)),
        conv,
        layers.MaxPooling1D(2),
        conv,  # LD008: built for 16 channels, gets 8 after the pooling
        layers.GlobalAveragePooling1D(),
    ])


def add_in_a_loop(depth=2):
    model = keras.Sequential([keras.Input((7,))])
    block = layers.Dense(32, activation="relu")
    for _ in range(depth):
        model.add(block)  # LD008: the second pass feeds the layer its own 32-wide output
    model.add(layers.Dense(1))
    return model


def same_width_twice():
    """Correct (one layer shared on purpose): the input already has 20 features."""
    model = keras.Sequential()
    model.add(keras.Input(shape=(20,)))
    shared = layers.Dense(20, activation="relu")
    model.add(shared)
    model.add(shared)
    return model


def two_instances():
    """Correct: two layers, each with its own weights."""
    model = keras.Sequential()
    model.add(keras.Input(shape=(7,)))
    first = layers.Dense(20, activation="relu")
    second = layers.Dense(20, activation="relu")
    model.add(first)
    model.add(second)
    return model


def fresh_layer_per_pass(depth=2):
    """Correct: the loop makes a new layer on every pass."""
    model = keras.Sequential([keras.Input((7,))])
    for _ in range(depth):
        model.add(layers.Dense(32, activation="relu"))
    return model
