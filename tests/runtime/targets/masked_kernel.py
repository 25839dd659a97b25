"""A kernel masked in place in call() (`self.kernel *= self.mask`, held-out 11's TDNN): the
functional build leaves a symbolic tensor in `kernel`, and the first call on data raises. The
twin masks into a local. test_runtime_masked_kernel.py measures Keras first."""

import keras
import numpy as np


class MaskedDense(keras.layers.Layer):
    def __init__(self, units, in_place=True, rebound=False):
        super().__init__()
        self.units = units
        self.in_place = in_place
        self.rebound = rebound

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.mask = np.tril(np.ones((input_shape[-1], self.units), "float32"))

    def call(self, x):
        if self.rebound:  # ssl-for-slr's TDNN (held-out 40): the same, written as a plain assignment
            self.kernel = self.kernel * self.mask
            return keras.ops.matmul(x, self.kernel)
        if self.in_place:
            self.kernel *= self.mask
            return keras.ops.matmul(x, self.kernel)
        kernel = self.kernel * self.mask
        return keras.ops.matmul(x, kernel)


def _model(in_place, rebound=False):
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(4)(inputs)
    return keras.Model(inputs, MaskedDense(3, in_place=in_place, rebound=rebound)(hidden))


def masked_in_place():
    return _model(True)


def masked_into_a_local():
    return _model(False)


def masked_and_rebound():
    return _model(False, rebound=True)


def masked_and_rebound_called_by_the_target():
    model = masked_and_rebound()
    model(np.zeros((2, 4), "float32"))  # the target's own first call on data raises
    return model
