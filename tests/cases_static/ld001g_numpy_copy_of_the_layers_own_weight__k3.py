# LD001 raw-tensor-state: a NumPy copy of the layer's own weight kept on self (BinaryNet's full-precision kernel)
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below, built and called): every marked attribute is a
# numpy.ndarray that is not among the layer's weights (not counted, not saved); after a save/load round trip
# (`model.save` + `keras.models.load_model`) it holds the new instance's initial values, not the trained ones.
# An error when call() or another method uses the copy (it is state the layer needs); a warning for a copy
# only build() sees (a one-off snapshot may be meant). A copy of a weight the class made itself and call() reads
# is LD010's frozen copy (AnchoredKernel). The twins keep tracked variables or plain shapes.
import keras
import numpy as np
from keras import layers, ops

CASE, TITLE = "LD001g", "a NumPy copy of the layer's own weight held on self as state: not tracked, not saved"
FEATURES = 6


class BinaryDense(layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        weights = ops.convert_to_numpy(self.weights[0])
        self.full_precision = weights.copy()  # LD001
        self.kernel.assign(np.sign(self.full_precision))

    def on_batch_end(self):
        self.full_precision += ops.convert_to_numpy(self.kernel) - np.sign(self.full_precision)
        self.kernel.assign(np.sign(self.full_precision))


class AnchoredKernel(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 4), name="w")
        self.anchor = np.array(self.w)  # LD010

    def call(self, inputs):
        drift = ops.sum(ops.square(self.w - ops.convert_to_tensor(self.anchor)))
        return ops.matmul(inputs, self.w) - 0.0 * drift


class ResettableDense(layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self.initial_kernel = self.get_weights()[0].copy()  # LD001


class TrackedAnchor(layers.Layer):
    """The copy is a non-trainable variable: tracked, counted and saved."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 4), name="w")
        self.anchor = self.add_weight(shape=(input_shape[-1], 4), trainable=False, name="anchor")
        self.anchor.assign(self.w)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) - 0.0 * ops.sum(self.w - self.anchor)


class ShapeNotes(layers.Dense):
    """Keeps the kernel's shape and the input shape as NumPy values: not weights."""

    def build(self, input_shape):
        super().build(input_shape)
        self.kernel_shape = tuple(self.kernel.shape)
        self.input_dims = np.array(input_shape[1:])


def _model(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_binary_dense():
    return _model(BinaryDense(4))


def make_anchored_kernel():
    return _model(AnchoredKernel())


def make_resettable_dense():
    return _model(ResettableDense(4))


def make_tracked_anchor():
    return _model(TrackedAnchor())


def make_shape_notes():
    return _model(ShapeNotes(4))
