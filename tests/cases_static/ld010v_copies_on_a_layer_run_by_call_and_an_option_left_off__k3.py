# LD010 variable-shadowed: a frozen copy stored on a layer call() runs with .call(); a shadowing behind an option
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD010v", "a copy stored on a layer that call() runs with .call(); a shadow only an option reaches"
FEATURES = 6
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases.py): after build, BothStrands' mirror Dense holds an
# EagerTensor as _kernel, and a training step leaves it unchanged while the forward kernel moves; Reservoir(sparse=True)
# gives the same output after its kernel variable is zeroed (the SparseTensor copy is read), Reservoir() does not.


class BothStrands(layers.Layer):
    """janggu's DnaConv2D: the mirrored kernel is computed once in build() and stored on the second Dense."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.forward = layers.Dense(units)
        self.mirror = layers.Dense(units)

    def build(self, input_shape):
        self.forward.build(input_shape)
        self.mirror.build(input_shape)
        self.mirror._kernel = ops.flip(self.forward.kernel, axis=0)  # LD010

    def call(self, inputs):
        return ops.maximum(self.forward.call(inputs), self.mirror.call(ops.flip(inputs, axis=-1)))


class Reservoir(layers.Layer):
    """An echo-state cell: the sparse path replaces the variable; no instance here turns it on (a warning)."""

    def __init__(self, units, sparse=False, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.sparse = sparse

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), trainable=False)
        if self.sparse:
            self.kernel = tf.sparse.from_dense(self.kernel)  # LD010

    def call(self, inputs):
        if self.sparse:
            return tf.sparse.sparse_dense_matmul(inputs, self.kernel)
        return ops.matmul(inputs, self.kernel)


def make_reservoir():
    return Reservoir(8)
