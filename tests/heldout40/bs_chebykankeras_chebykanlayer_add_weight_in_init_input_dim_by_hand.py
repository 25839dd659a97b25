"""ChebyKAN-Keras's `ChebyKANLayer(input_dim, output_dim, degree)` creates its Chebyshev coefficients with `add_weight`
in `__init__` from an input width passed by hand (LD004): the MNIST example passes matching widths, so it works, but
every layer is pinned to the width its caller typed and no Keras shape check guards it.

From BAW2501/ChebyKAN-Keras, `ChebyKANKeras.py` ("adapted 1 to 1 from" the PyTorch ChebyKAN): `__init__` calls
`self.add_weight(shape=(input_dim, output_dim, degree + 1), ...)` and stores `self.arange = tf.range(0, degree + 1)`;
there is no `build()`. `Example.py` stacks `ChebyKANLayer(input_size, 32, 4)`, `LayerNormalization()`,
`ChebyKANLayer(32, 16, 4)`, `LayerNormalization()`, `ChebyKANLayer(16, 10, 4)` in a Sequential for MNIST
(input_size = 784). The PyTorch original has to be told `input_dim` (nn.Parameter needs it); Keras would infer it in
`build(input_shape)`. Doubt kept as decided: `self.arange` is a raw `tf.range` tensor on self in `__init__`, but it
is a constant index vector (0..degree), not a weight, so it is not labelled LD001.

Porting edits: none to the layer. build_model() builds `Example.py`'s Sequential as written (without compiling,
loading MNIST or fitting).
"""

SOURCE = "https://github.com/BAW2501/ChebyKAN-Keras/blob/67998d7b6b74bdacdda218b2148226ccf2d02408/ChebyKANKeras.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/bs_chebykankeras_chebykanlayer_add_weight_in_init_input_dim_by_hand.py:
as returned: Sequential, count_params() = 128896, 7 weights, unbuilt: none
after call: count_params() = 128896, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cheby_kan_layer': 125440, 'cheby_kan_layer_1': 2560, 'cheby_kan_layer_2': 800}
second call: 0 variables watched that the first call did not use
probe (probe_cheby.py): `ChebyKANLayer(32, 16, 4)` right after __init__ is "built = False" yet holds weights
[(32, 16, 5)]; called on width 32 -> (2, 16); the same layer on width 64 raised InvalidArgumentError from the einsum
in call(): "Expected dimension 64 at axis 0 of the input shaped [32,16,5] but got dimension 32 [Op:Einsum]" (no
Keras input-spec message); the example's hand-typed widths match, so its model builds and trains."""

import tensorflow as tf
from tensorflow.keras import initializers
from tensorflow.keras.layers import Input, LayerNormalization
from tensorflow.keras.models import Sequential
# adapted 1 to 1 from https://github.com/SynodicMonth/ChebyKAN/blob/main/ChebyKANLayer.py
class ChebyKANLayer(tf.keras.layers.Layer):
    def __init__(self, input_dim, output_dim, degree):
        super(ChebyKANLayer, self).__init__()
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.degree = degree

        # Initialize Chebyshev coefficients
        initializer = initializers.RandomNormal(mean=0.0, stddev=1 / (input_dim * (degree + 1)))
        self.cheby_coeffs = self.add_weight(
            shape=(input_dim, output_dim, degree + 1),
            initializer=initializer,
            trainable=True
        )
        # Create arange buffer
        self.arange = tf.range(0, degree + 1, 1, dtype=tf.float32)

    def call(self, inputs):
        # Since Chebyshev polynomial is defined in [-1, 1]
        # We need to normalize inputs to [-1, 1] using tanh
        x = tf.tanh(inputs)
        # View and repeat input degree + 1 times
        x = tf.expand_dims(x, axis=-1)  # shape = (batch_size, input_dim, 1)
        x = tf.tile(x, [1, 1, self.degree + 1])  # shape = (batch_size, input_dim, degree + 1)
        # Apply acos
        x = tf.acos(x)
        # Multiply by arange [0 .. degree]
        x = x * self.arange
        # Apply cos
        x = tf.cos(x)
        # Compute the Chebyshev interpolation
        y = tf.einsum('bid,iod->bo', x, self.cheby_coeffs)  # shape = (batch_size, output_dim)
        return y


def build_model():
    input_size = 28 * 28
    model = Sequential(
        [
            Input(shape=(input_size,)),  # Input layer with the size of 28*28
            ChebyKANLayer(input_size, 32, 4),  # First ChebyKAN layer
            LayerNormalization(),  # Layer normalization
            ChebyKANLayer(32, 16, 4),  # Second ChebyKAN layer
            LayerNormalization(),  # Layer
            ChebyKANLayer(16, 10, 4),  # Third ChebyKAN layer
        ]
    )
    return model
