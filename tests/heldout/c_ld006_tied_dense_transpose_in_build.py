"""A tied-weights decoder Dense: `build()` stores `transpose(tied_to.kernel)` and appends it to `_non_trainable_weights`.

The Stack Overflow question adds a `tied_to` argument to a copy of Dense; its `build()` sets
`self.kernel = K.transpose(self.tied_to.kernel)` and `self._non_trainable_weights.append(self.kernel)`,
then creates only the bias.
"""

SOURCE = "https://stackoverflow.com/questions/53751024/tying-autoencoder-weights-in-a-dense-keras-layer"
CODES = ("LD006", "LD010")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld006_tied_dense_transpose_in_build.py:
build_model() raised AttributeError: 'DenseTied' object has no attribute '_non_trainable_weights'"""

import keras
from keras import ops


class DenseTied(keras.layers.Layer):
    def __init__(self, units, tied_to=None, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.tied_to = tied_to
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        if self.tied_to is not None:
            self.kernel = ops.transpose(self.tied_to.kernel)
            self._non_trainable_weights.append(self.kernel)
        else:
            self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return self.activation(ops.matmul(x, self.kernel) + self.bias)


def build_model():
    inputs = keras.Input((784,))
    encoder = keras.layers.Dense(64, activation="sigmoid")
    code = encoder(inputs)
    decoded = DenseTied(784, tied_to=encoder, activation="sigmoid")(code)
    return keras.Model(inputs, decoded)
