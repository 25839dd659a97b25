# LD008 incompatible-reuse: `[Layer(...)] * n` chained in a loop, the layer spelled through an import alias
import keras
from keras import layers as L
from keras.layers import Dense as dense_layer

CASE, TITLE = "LD008e", "a list multiplied from one layer named by a lower-case import alias, or on the right of *"


def renamed_lowercase(depth=3):
    inputs = keras.Input((4,))
    hidden = [dense_layer(16)] * depth
    h = inputs
    for block in hidden:
        h = block(h)  # LD008: built for 4 features on the first pass, gets 16 on the second
    return keras.Model(inputs, h)


def count_on_the_left(depth=3):
    inputs = keras.Input((4,))
    hidden = depth * [L.Dense(16)]
    h = inputs
    for block in hidden:
        h = block(h)  # LD008
    return keras.Model(inputs, h)
