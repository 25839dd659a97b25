# LD008 incompatible-reuse: `[Layer(...)] * n` repeats one instance, and a loop chains it on its own output
import keras
from keras import layers

CASE, TITLE = "LD008d", "a list multiplied from one Dense, chained in a loop from a narrower input"


def mlp_tower(width=16, depth=3):
    inputs = keras.Input((4,))
    hidden = [layers.Dense(width, activation="relu")] * depth
    h = inputs
    for dense in hidden:
        h = dense(h)  # LD008: built for 4 features on the first pass, gets 16 on the second
    return keras.Model(inputs, h)


def same_width_tower(width=16, depth=3):
    """Correct (one layer shared on purpose, LD007 info only): the input already has `width` features."""
    inputs = keras.Input((16,))
    hidden = [layers.Dense(width, activation="relu")] * depth
    h = inputs
    for dense in hidden:
        h = dense(h)
    return keras.Model(inputs, h)


def distinct_tower(width=16, depth=3):
    """Correct: a comprehension makes one layer per item."""
    inputs = keras.Input((4,))
    hidden = [layers.Dense(width, activation="relu") for _ in range(depth)]
    h = inputs
    for dense in hidden:
        h = dense(h)
    return keras.Model(inputs, h)
