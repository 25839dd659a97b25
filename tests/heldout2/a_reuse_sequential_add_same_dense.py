"""The same `Dense(20)` instance is added to a Sequential model twice: its kernel is 7x20, the second input is 20 wide.

The report kept `layer = Dense(units=20, activation="relu")` in a variable (a project requirement)
and called `model.add(layer)` twice after an `InputLayer(input_shape=[7])`; the second `add` failed
with "expected axis -1 of input shape to have value 7 but received input with shape [None, 20]".
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/44048"
CODES = ("LD008",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py a_reuse_sequential_add_same_dense.py:
build_model() raised ValueError: Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input shape to have value 7, but received input with shape (None, 20)"""

import keras


def build_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(7,)))
    hidden = keras.layers.Dense(units=20, activation="relu")
    model.add(hidden)
    model.add(hidden)
    model.add(keras.layers.Dense(1))
    return model
