# LD010 variable-shadowed: a copy computed from a weight in build(), stored under another name
import keras
from keras import ops

CASE, TITLE = "LD010c", "frozen copy of a weight (gated, transposed) read by a helper of call()"


class GatedProjection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.weight = self.add_weight(shape=(self.units, input_shape[-1]), name="weight")
        self.gate_logits = self.add_weight(shape=(self.units,), initializer="zeros", name="gate_logits")
        gate = ops.sigmoid(self.gate_logits)[:, None]
        self.effective = ops.transpose(self.weight * gate)  # LD010: computed once, from initial values
        self.out_features = self.weight.shape[0]  # metadata, not a copy
        self.weight_ref = self.weight  # an alias of the variable itself: fine

    def project(self, x):
        return ops.matmul(x, self.effective)

    def call(self, inputs):
        return self.project(inputs)


class GatedProjectionFixed(keras.layers.Layer):
    """The correct twin: the same product, computed on every call."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.weight = self.add_weight(shape=(self.units, input_shape[-1]), name="weight")
        self.gate_logits = self.add_weight(shape=(self.units,), initializer="zeros", name="gate_logits")
        self.out_features = self.weight.shape[0]

    def call(self, inputs):
        gate = ops.sigmoid(self.gate_logits)[:, None]
        return ops.matmul(inputs, ops.transpose(self.weight * gate))


class FrozenStatistics(keras.layers.Layer):
    """Correct too: a copy of a non-trainable buffer used as a fixed constant by design."""

    def build(self, input_shape):
        self.basis = self.add_weight(shape=(input_shape[-1], 4), trainable=False, name="basis")
        self.basis_t = ops.transpose(self.basis)

    def call(self, inputs):
        return ops.matmul(ops.matmul(inputs, self.basis), self.basis_t)


SHAPE = (4,)


def make():
    return GatedProjection(3)
