# LD010 variable-shadowed: a mixin on Layer replaces `self.kernel` in call(); the kernel is made by the
# built-in layer its subclasses combine it with (tests/heldout22 larq's early QuantizerBase + Dense)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f21/measure_ld010q.py): QuantDense's
# first call raises AttributeError (property 'kernel' of 'QuantDense' object has no setter). Twin:
# LocalQuantDense quantizes into a local and calls ops.matmul itself: runs, the kernel gets a gradient.
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD010q", "a mixin on Layer replaces the kernel its subclasses' built-in base makes, in call()"


def ste_sign(x):
    return x + tf.stop_gradient(tf.sign(x) - x)


class QuantizerBase(layers.Layer):
    def __init__(self, *args, kernel_quantizer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kernel_quantizer = kernel_quantizer

    def call(self, inputs):
        if self.kernel_quantizer:
            full_precision_kernel = self.kernel
            self.kernel = self.kernel_quantizer(self.kernel)  # LD010
        output = super().call(inputs)
        if self.kernel_quantizer:
            self.kernel = full_precision_kernel
        return output


class QuantDense(QuantizerBase, layers.Dense):
    pass


class LocalQuantizerBase(layers.Layer):
    def __init__(self, *args, kernel_quantizer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kernel_quantizer = kernel_quantizer

    def call(self, inputs):
        kernel = self.kernel_quantizer(self.kernel) if self.kernel_quantizer else self.kernel
        return ops.matmul(inputs, kernel) + self.bias


class LocalQuantDense(LocalQuantizerBase, layers.Dense):
    pass
