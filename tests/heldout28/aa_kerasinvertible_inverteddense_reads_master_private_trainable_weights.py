"""An "inverted" Dense for an invertible / tied-weight network: `InvertedDense(master_layer)` keeps a
reference to the forward Dense and, in `call()`, takes `W = self.master_layer._trainable_weights[0]`
and `b = self.master_layer._trainable_weights[1]`, then computes `(inputs - b) @ W^T` (undoing the
bias, transposing the kernel); its `build()` only sets `self.params = []` ("do not train weights or
bias from master_layer, they are read-only").

From LanceNorskog/keras-invertible (`keras_invertible/inverted.py`). The tie goes through the master
layer's private weight list. Keras 3 layers have no `_trainable_weights` attribute (weights live in
`_trainable_variables` / the tracker), so the first call of the inverted layer raises
`AttributeError: 'Dense' object has no attribute '_trainable_weights'` and the tied decoder cannot be
wired (with tf.keras 2 the private list existed and the trick ran).

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); the file's own slips fixed so that it imports
and reaches the tie (`layers.Layer` was never imported -> `keras.layers.Layer`, and
`super(TiedDense, self)` names a class that does not exist -> `super(InvertedDense, self)`);
`build_model()` wires `Input(8) -> Dense(4, master) -> InvertedActivation -> InvertedDense(master)`
(widths 8/4 for the author's unspecified sizes).
"""

SOURCE = "https://github.com/LanceNorskog/keras-invertible/blob/6536720ff9c06c82783862e6b97c62327e8608ff/keras_invertible/inverted.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/aa_kerasinvertible_inverteddense_reads_master_private_trainable_weights.py:
build_model() raised AttributeError: Exception encountered when calling InvertedDense.call().
(full message, /tmp/mine28/a/p14.py: "Could not automatically infer the output shape / dtype of 'inverted_dense'" -- the
symbolic call failed.) Own probe /tmp/mine28/a/p15.py, the same layer called eagerly on a built master Dense:
AttributeError "'Dense' object has no attribute '_trainable_weights'" raised in InvertedDense.call(); /tmp/mine28/a/p13.py:
hasattr(built Dense, '_trainable_weights') is False on Keras 3."""

import numpy as np
import tensorflow as tf
import keras

""" Add after any activation to invert it """
class InvertedActivation(keras.layers.Layer):

    def call(self, inputs):
        return -inputs

""" Given a master layer, invert bias then transpose weights """
class InvertedDense(keras.layers.Layer):
    def __init__(self, master_layer):
        super(InvertedDense, self).__init__()
        self.master_layer = master_layer

    def build(self, input_shape):
        # do not train weights or bias from master_layer, they are read-only
        self.params = []

    def call(self, inputs):  # Defines the computation from inputs to outputs
        W = self.master_layer._trainable_weights[0]
        b = self.master_layer._trainable_weights[1]
        w = tf.transpose(W)
        return tf.matmul(inputs - b, w)


def build_model():
    inp = keras.Input(shape=(8,))
    master = keras.layers.Dense(4)
    h = master(inp)
    h = InvertedActivation()(h)
    out = InvertedDense(master)(h)
    return keras.Model(inp, out)
