"""A `DenseTied` decoder layer takes `transpose(tied_to.kernel)` once in `build()` and uses it as its kernel.

The asker copied Keras's `Dense`, added a `tied_to` argument (the encoder Dense) and, in `build()`,
replaced the `add_weight` of the kernel by `self.kernel = K.transpose(self.tied_to.kernel)` (plus an
append to the private `_non_trainable_weights`, left out here because Keras 3 has no such list).
The transpose is evaluated once when the decoder is built: `call()` multiplies by a frozen tensor
holding the encoder kernel's initial value, so the decoder neither follows nor trains the encoder
kernel. Ported to Keras 3 (`keras.ops`), functional autoencoder 16 -> 4 -> 16.
"""

SOURCE = "https://exchangetuts.com/tying-autoencoder-weights-in-a-dense-keras-layer-1641266464465422"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py b_frozen_dense_tied_transpose_in_build.py:
as returned: Functional, count_params() = 80, 2 weights, unbuilt: none
after call: count_params() = 80, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_tied': 80}
second call: 0 variables watched that the first call did not use
extra check (python: build_model(), encoder.kernel.assign(2 * kernel), then model(x) against
sigmoid(code @ kernel.T + bias)): the output matches the transpose of the kernel as it was at build
time, not the current kernel (max |output change| 0.142 comes from the encoder path only): the
decoder uses a frozen copy; the encoder kernel is trained through the encoder path alone."""

import keras
from keras import layers, ops


class DenseTied(layers.Layer):
    def __init__(self, units, tied_to=None, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.tied_to = tied_to
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if self.tied_to is not None:
            self.kernel = ops.transpose(self.tied_to.kernel)
        else:
            self.kernel = self.add_weight(name="kernel", shape=(input_dim, self.units))
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return self.activation(ops.matmul(inputs, self.kernel) + self.bias)


def build_model():
    inputs = keras.Input(shape=(16,))
    encoder = layers.Dense(4, activation="relu", use_bias=False)
    code = encoder(inputs)
    decoded = DenseTied(16, tied_to=encoder, activation="sigmoid")(code)
    return keras.Model(inputs, decoded)
