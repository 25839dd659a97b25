"""A sparsely connected Dense (`CustomConnected(Dense)`) keeps a fixed NumPy 0/1 connection matrix on
`self.connections`, set before `super().__init__()`; `build()` calls `Dense.build` and then masks the
initial kernel through `get_weights()`/`set_weights()`, and `call()` multiplies the kernel by the mask.

From jkei0/Small-world-network (`sparseconnection.py`, the layer for the small-world network
experiments). Looks like a raw array kept as layer state (a NumPy array on `self`) and like state set
before `super().__init__()`. On Keras 3 the array is a constant mask on purpose, not a weight: the
layer owns exactly Dense's kernel and bias, both get gradients (masked entries get zero gradient, as
the author wants), and the attribute set before `super().__init__()` is a plain hyper-parameter that
the base constructor does not reset.

Porting edits: `keras.backend` has no `dot`/`bias_add` on Keras 3, so a two-line `K` shim maps them
to `keras.ops.matmul` / `keras.ops.add` and keeps the author's lines; the small-world mask generator of
`SWnetworks.py` replaced by a fixed random 0/1 matrix (12 x 8); `build_model()` wires
Input(12) -> CustomConnected(8, relu) -> Dense(3).
"""

SOURCE = "https://github.com/jkei0/Small-world-network/blob/437931f71b36b35591f7f09f0a67b54ad80f69d1/sparseconnection.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okk_smallworld_dense_connection_mask_numpy.py:
as returned: Functional, count_params() = 131, 4 weights, unbuilt: none
after call: count_params() = 131, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_connected': 104}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine24/k/probe_sw.py): the layer's weights are ['custom_connected/kernel',
'custom_connected/bias'] (12*8 + 8 = 104, what Dense should own); the kernel is zero wherever the mask
is zero after build(); after fit(epochs=2) with Adam all 4 trainable weights changed and the masked
entries are still zero."""

import numpy as np
import keras
from keras import ops
from keras.layers import Dense


class K:
    """Shim for the removed Keras 2 backend functions the author used."""

    dot = staticmethod(ops.matmul)

    @staticmethod
    def bias_add(x, b):
        return ops.add(x, b)


class CustomConnected(Dense):

    def __init__(self, units, connections, **kwargs):

        # connection matrix
        self.connections = connections

        super(CustomConnected, self).__init__(units, **kwargs)

    def call(self, inputs):
        output = K.dot(inputs, self.kernel * self.connections)
        if self.use_bias:
            output = K.bias_add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)
        return output

    def build(self, input_shape):
        super(CustomConnected, self).build(input_shape)
        weights = self.get_weights()
        weights[0] = self.get_weights()[0] * self.connections
        self.set_weights(weights)


def build_model():
    connections = (np.random.default_rng(0).random((12, 8)) < 0.3).astype("float32")
    inputs = keras.Input(shape=(12,))
    x = CustomConnected(8, connections, activation="relu")(inputs)
    outputs = Dense(3)(x)
    return keras.Model(inputs, outputs)
