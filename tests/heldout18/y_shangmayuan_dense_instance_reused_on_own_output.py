"""A Chinese blog post ("Keras Layer 的 call, x 和 input_shape") builds `L = K.layers.Dense(20)` once and
applies it twice in a row, `y = L(input_layer); y = L(y)`, expecting the same thing as two separate
`Dense(20)(x)` calls. The first call builds the kernel for a 10-feature input; the second call feeds it
the 20-feature output, which the (10, 20) kernel cannot take, and Keras raises an input_shape error.

The author's explanation is that a layer only "exists" once called; the real point is that one layer
instance means one set of weights, built for the first input it sees.

Porting edits: `K = tensorflow.keras` -> `keras`; the post's working first half (two separate Dense
layers) is kept as the contrast; `build_model()` raises the error as the author saw it.
"""

SOURCE = "https://www.shangmayuan.com/a/2c3ebfe651a741f6aabc36a8.html"
CODES = ("LD008",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/y_shangmayuan_dense_instance_reused_on_own_output.py:
build_model() raised ValueError: Input 0 with name 'None' of layer 'dense_2' is incompatible with the layer: expected axis -1 of input shape to have value 10, but received input with shape (None, 20)
The shared Dense is built for 10 input features by its first call; the second call on its own 20-feature output is rejected at model construction."""

import keras

K = keras


def build_model():
    input_layer = K.layers.Input(shape=(10,))

    # this works: two different Dense layers
    x = K.layers.Dense(20)(input_layer)
    x = K.layers.Dense(20)(x)

    # this does not: one Dense instance applied to its own output
    L = K.layers.Dense(20)
    y = L(input_layer)
    y = L(y)

    return K.Model(input_layer, [x, y])
