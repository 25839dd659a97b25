# LD009 no-gradient: a Conv1D/Dense subclass whose call() redoes the product with self.kernel and never adds the bias
from keras import layers, ops

CASE, TITLE = "LD009zr", "a built-in layer's call() replaced without its bias: the bias gets no gradient"
FEATURES = 6
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases.py): ScaledDense and MotifConv (made with use_bias=True)
# each have a bias whose gradient is None; WithBias, HandsOff, NoBias and MotifConv(use_bias=False) have none.


class ScaledDense(layers.Dense):
    def call(self, inputs):  # LD009
        return ops.matmul(inputs, self.kernel) * 0.5


class MotifConv(layers.Conv1D):
    """MuSeAM's multinomial convolution: use_bias off by default, turned on where the model makes it."""

    def __init__(self, filters, kernel_size, use_bias=False, **kwargs):
        super().__init__(filters=filters, kernel_size=kernel_size, use_bias=use_bias, **kwargs)

    def call(self, inputs):  # LD009
        return self.convolution_op(inputs, ops.exp(self.kernel))


class WithBias(layers.Dense):
    """Correct: the bias is added by hand."""

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) * 0.5 + self.bias


class HandsOff(layers.Dense):
    """Correct: Dense.call() adds it."""

    def call(self, inputs):
        return super().call(inputs) * 0.5


class NoBias(layers.Dense):
    """Correct: Layer.__init__ gets use_bias=False, so there is no bias."""

    def __init__(self, units, **kwargs):
        super().__init__(units, use_bias=False, **kwargs)

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


def make_motif_conv():
    return MotifConv(8, 5, use_bias=True)
