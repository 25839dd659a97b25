# LD010 variable-shadowed: a Dense subclass that ties its kernel to another layer's by storing
# `self.kernel = ops.transpose(other.kernel)` (tests/heldout27 CAGE and graph_embeddings tied autoencoders):
# Dense.kernel is a read-only property on Keras 3, so the store raises.
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f31/measure_ld010s.py):
# TiedInCall: wiring works, the first call on data raises AttributeError "property 'kernel' of 'TiedInCall'
# object has no setter"; TiedInBuild: wiring the model raises the same AttributeError. Twin TiedLocal (the
# transposed kernel read into a local in call()): runs, both the encoder kernel and its own bias get gradients.
from keras import layers, ops


class TiedInCall(layers.Dense):
    def __init__(self, units, tied_to=None, **kwargs):
        self.tied_to = tied_to
        super().__init__(units, **kwargs)

    def call(self, x):
        self.kernel = ops.transpose(self.tied_to.kernel)  # LD010
        return ops.matmul(x, self.kernel) + self.bias


class TiedInBuild(layers.Dense):
    def __init__(self, master, **kwargs):
        self.master = master
        super().__init__(master.units, **kwargs)

    def build(self, input_shape):
        self.kernel = ops.transpose(self.master.kernel)  # LD010
        self.built = True

    def call(self, x):
        return ops.matmul(x, self.kernel)


class TiedLocal(layers.Dense):
    def __init__(self, units, tied_to=None, **kwargs):
        self.tied_to = tied_to
        super().__init__(units, **kwargs)

    def build(self, input_shape):
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")
        self.built = True

    def call(self, x):
        kernel = ops.transpose(self.tied_to.kernel)
        return ops.matmul(x, kernel) + self.bias
