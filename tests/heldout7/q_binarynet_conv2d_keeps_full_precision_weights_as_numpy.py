"""BinaryNet's `BinaryNetConv2D` keeps its full-precision ("latent") weights as NumPy arrays on `self`, made in `build()` and updated by a per-batch callback: they are not weights, so they are never counted or saved, and a reloaded model silently restarts from the binarised kernel.

yaysummeriscoming/BinaryNet_and_XNORNet (issue #3 discusses its binarisation): `BinaryNetConv2D`
subclasses `Conv2D`; `build()` calls `super().build()`, copies the initial kernel into
`self.fullPrecisionWeights = weights.copy()` (NumPy), stores `self.lastIterationWeights =
np.sign(...)` and writes the signs into the Keras kernel. Training updates the binary kernel;
`on_batch_end()` (called from a callback) adds the update to the NumPy full-precision copy, clips
it and re-binarises. `call()` binarises the input with a straight-through `passthroughSign`. The
real parameters of the layer, the full-precision weights, live outside Keras: `count_params()`
shows only the binary kernel and bias, `save_weights()` stores only those, and after
`load_weights()` into a fresh model `build()` rebuilds the "full precision" copy from the
signs (all +-1), losing what training accumulated. Reproduced with the Keras 3 spellings
(`ops.convert_to_numpy` / `assign` for `K.get_value` / `K.set_value`, `tf.custom_gradient` for the
`Defun` pass-through sign).
"""

SOURCE = "https://github.com/yaysummeriscoming/BinaryNet_and_XNORNet/issues/3"
CODES = ("LD001",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/q_binarynet_conv2d_keeps_full_precision_weights_as_numpy.py:
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
as returned: Functional, count_params() = 1642, 13 weights, unbuilt: none
after call: count_params() = 1642, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'binary_net_conv2d': 1152}
second call: 0 variables watched that the first call did not use
extra check (python: one simulated step kernel.assign(kernel + 0.01) then layer.on_batch_end(); model.save_weights(<tmp>);
fresh = build_model(); fresh.load_weights(<tmp>)): the 1,152-value fullPrecisionWeights array is in no weight list
(count_params() 1642 counts the binary kernel only); after the reload the kernel matches but fullPrecisionWeights does not
(max |diff| 0.33: the fresh layer rebuilt it from its own initial kernel in build(), before load_weights())."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops
from keras.layers import Conv2D


@tf.custom_gradient
def passthroughSign(x):
    def clipped_passthrough_grad(grad):
        return tf.clip_by_value(grad, -1.0, 1.0)

    return tf.sign(x), clipped_passthrough_grad


class BinaryNetConv2D(Conv2D):
    """2D binary convolution layer (BinaryNet), based off the Conv2D class."""

    def build(self, input_shape):
        # Call the build function of the base class (in this case, convolution)
        super().build(input_shape)  # Be sure to call this somewhere!

        # Get the initialised weights as save as the 'full precision' weights
        weights = ops.convert_to_numpy(self.weights[0])
        self.fullPrecisionWeights = weights.copy()

        # Compute the binary approximated weights & save ready for the first batch
        B = np.sign(self.fullPrecisionWeights)
        self.lastIterationWeights = B.copy()
        self.weights[0].assign(B)

    def call(self, inputs):
        binarisedInput = passthroughSign(inputs)
        return super().call(binarisedInput)

    def on_batch_end(self):
        # Work out the weights update from the last batch and then apply this to the full precision weights
        newWeights = ops.convert_to_numpy(self.weights[0])
        weightsUpdate = newWeights - self.lastIterationWeights
        self.fullPrecisionWeights += weightsUpdate
        self.fullPrecisionWeights = np.clip(self.fullPrecisionWeights, -1.0, 1.0)

        # Work out new approximated weights based off the full precision values
        B = np.sign(self.fullPrecisionWeights)
        self.lastIterationWeights = B.copy()
        self.weights[0].assign(B)


def build_model():
    inputs = keras.Input(shape=(16, 16, 3))
    x = keras.layers.Conv2D(8, 3, padding="same")(inputs)
    x = keras.layers.BatchNormalization()(x)
    x = BinaryNetConv2D(16, 3, padding="same", use_bias=False)(x)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(10)(x)
    return keras.Model(inputs, outputs)
