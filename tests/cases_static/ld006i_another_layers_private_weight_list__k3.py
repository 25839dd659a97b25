# LD006 private-weight-list on another object's list: a layer that reads the Dense it borrows weights from
# through `self.master._trainable_weights[0]` (tests/heldout28 keras-invertible), a helper that empties and
# refills another layer's `_trainable_weights` to share a kernel (the Stack Overflow 45245396 recipe), and a
# read of `layer._non_trainable_weights`. Keras 3 layers have no such lists.
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f32/m_ld006i.py): BorrowedTranspose's
# call raises AttributeError (no `_trainable_weights`); share_kernel: the assignment passes (a plain
# attribute), the append raises ValueError "You cannot add new elements of state ... already built";
# frozen_count raises AttributeError "'Dense' object has no attribute '_non_trainable_weights'". The twin
# BorrowedTransposeFixed (reads self.master.kernel) runs, the model has the Dense's 2 weights.
import keras
from keras import ops


class BorrowedTranspose(keras.layers.Layer):
    """Reuses another Dense's weights, transposed (a tied decoder)."""

    def __init__(self, master, **kwargs):
        super().__init__(**kwargs)
        self.master = master

    def call(self, inputs):
        kernel = self.master._trainable_weights[0]  # LD006
        return ops.matmul(inputs, ops.transpose(kernel))


class BorrowedTransposeFixed(keras.layers.Layer):
    def __init__(self, master, **kwargs):
        super().__init__(**kwargs)
        self.master = master

    def call(self, inputs):
        return ops.matmul(inputs, ops.transpose(self.master.kernel))


def share_kernel(source, target, input_shape):
    source.build(input_shape)
    target.build(input_shape)
    target._trainable_weights = []  # LD006
    target._trainable_weights.append(source.kernel)  # LD006
    return target


def frozen_count(layer):
    return len(layer._non_trainable_weights)  # LD006
