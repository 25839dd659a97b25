# LD007 shared-layer: list repetition (`unit * 2`, `unit + unit`, `[layer] * k`) repeats layer instances (info)
"""Measured on Keras 3.15.1 + TF 2.21: `KERAS_BACKEND=tensorflow python <this file>` builds every
function and prints its parameter count. List repetition copies references, so each layer of
the list is called again and shares its weights (on 8 features):

    dpcnn_block                        328 params, 5 trainable weights: one BN/PReLU/Conv1D trio
    distinct_units                     656 params, 10 trainable weights: two trios
    added_to_itself                    232 params, 4 trainable weights: one BN/Conv1D pair
    one_name_repeated, factor_on_the_left, sequential_of_a_repeated_layer   72 params: one Dense(8)
    comprehension, copies_from_config  216 params: three Dense(8)
    weightless_repeated                0 params: nothing to share
"""
import keras
from keras import layers as L

CASE, TITLE = "LD007f", "a list of layers repeated with * or +, then called item by item or given to Sequential"


def conv_unit():
    return [L.BatchNormalization(), L.PReLU(), L.Conv1D(8, 3, padding="same")]


def dpcnn_block(inputs):
    unit = []
    unit.append(L.BatchNormalization())
    unit.append(L.PReLU())
    unit.append(L.Conv1D(8, 3, padding="same"))
    block = unit * 2  # LD007: two "units", one BN/PReLU/Conv1D trio
    x = inputs
    for layer in block:
        x = layer(x)
    return L.Add()([inputs, x])


def added_to_itself(inputs):
    unit = [L.BatchNormalization(), L.Conv1D(8, 3, padding="same")]
    x = inputs
    for layer in unit + unit:  # LD007
        x = layer(x)
    return x


def one_name_repeated(depth=3):
    inputs = keras.Input((8,))
    dense = L.Dense(8, activation="relu")
    h = inputs
    for block in [dense] * depth:  # LD007
        h = block(h)
    return keras.Model(inputs, h)


def factor_on_the_left():
    inputs = keras.Input((8,))
    heads = 2 * [L.Dense(8)]  # LD007
    return keras.Model(inputs, L.Add()([head(inputs) for head in heads]))


def sequential_of_a_repeated_layer():
    return keras.Sequential([keras.Input((8,))] + [L.Dense(8)] * 3)  # LD007


def build_model():
    inputs = keras.Input((12, 8))
    return keras.Model(inputs, added_to_itself(dpcnn_block(inputs)))


# ----------------------------------------------------------------- correct look-alikes


def distinct_units(inputs):
    """Correct: the factory runs twice, so the two units are separate layers."""
    x = inputs
    for layer in conv_unit() + conv_unit():
        x = layer(x)
    return x


def comprehension(depth=3):
    """Correct: a comprehension makes one layer per item."""
    inputs = keras.Input((8,))
    h = inputs
    for block in [L.Dense(8) for _ in range(depth)]:
        h = block(h)
    return keras.Model(inputs, h)


def copies_from_config(depth=3):
    """Correct: from_config makes a new layer each time."""
    config = {k: v for k, v in L.Dense(8).get_config().items() if k != "name"}
    inputs = keras.Input((8,))
    h = inputs
    for block in [L.Dense.from_config(config) for _ in range(depth)]:
        h = block(h)
    return keras.Model(inputs, h)


def weightless_repeated():
    """Correct: Dropout has no weights, repeating it shares nothing."""
    inputs = keras.Input((8,))
    h = inputs
    for drop in [L.Dropout(0.1)] * 3:
        h = drop(h)
    return keras.Model(inputs, h)


def shared_on_purpose_in_branches(use_left):
    """Correct (and not list repetition): one encoder, called once in either branch."""
    left = keras.Input((8,))
    right = keras.Input((8,))
    encoder = L.Dense(4)
    if use_left:
        out = encoder(left)
    else:
        out = encoder(right)
    return keras.Model([left, right], out)


def repeated_but_never_called():
    """Correct: a list of names and a list of shapes repeated, no layer in them."""
    names = ["a", "b"] * 2
    shapes = [(8,)] * 2
    inputs = [keras.Input(shape, name=n) for shape, n in zip(shapes, names[:2])]
    return keras.Model(inputs, L.Concatenate()(inputs))


if __name__ == "__main__":
    def wrap(block):
        inputs = keras.Input((12, 8))
        return keras.Model(inputs, block(inputs))

    built = {
        "dpcnn_block": wrap(dpcnn_block), "added_to_itself": wrap(added_to_itself),
        "distinct_units": wrap(distinct_units), "one_name_repeated": one_name_repeated(),
        "factor_on_the_left": factor_on_the_left(), "sequential_of_a_repeated_layer": sequential_of_a_repeated_layer(),
        "comprehension": comprehension(), "copies_from_config": copies_from_config(),
        "weightless_repeated": weightless_repeated(),
    }
    for name, model in built.items():
        print(f"{name}: {model.count_params()} params, {len(model.trainable_weights)} trainable weights")
