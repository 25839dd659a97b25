# LD010 variable-shadowed: a built-in layer's weight replaced through setattr() by a tensor computed from it
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below, called on data): Dense's `kernel` is a read-only
# property, so the marked QuantDense and PrunedBlock raise AttributeError ("property 'kernel' ... has no
# setter"); MaskedBias's setattr of `bias` in call() replaces the variable by a tensor of the traced call, and
# the next call raises TypeError ("... is out of scope and cannot be used here"). The twins run and every weight gets a gradient: weights made
# through setattr in build(), a swap helper that only puts the variable back, the weight updated in place.
import contextlib

import keras
from keras import layers, ops

CASE, TITLE = "LD010i", "setattr(layer, name, f(getattr(layer, name))) with name a built-in weight such as kernel or bias"
FEATURES = 6


@contextlib.contextmanager
def swapped(layer, weight_name, transform):
    original = getattr(layer, weight_name)
    replaced = transform(original)
    setattr(layer, weight_name, replaced)  # LD010
    try:
        yield replaced
    finally:
        setattr(layer, weight_name, original)


class QuantDense(layers.Dense):
    def call(self, inputs):
        with swapped(self, "kernel", ops.sign):
            return super().call(inputs)


def prune(layer, name, keep):
    setattr(layer, name, getattr(layer, name) * keep)  # LD010


class PrunedBlock(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def build(self, input_shape):
        self.dense.build(input_shape)
        prune(self.dense, "kernel", 0.5)

    def call(self, inputs):
        return self.dense(inputs)


class MaskedBias(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def call(self, inputs):
        outputs = self.dense(inputs)
        setattr(self.dense, "bias", self.dense.bias * 0.0)  # LD010
        return outputs


class WeightsBySetattr(layers.Layer):
    """Creates its weights under names from a tuple: ordinary tracked weights."""

    def build(self, input_shape):
        for name in ("kernel", "bias"):
            shape = (input_shape[-1], 4) if name == "kernel" else (4,)
            setattr(self, name, self.add_weight(shape=shape, name=name))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias


def restore(layer, weight_name, saved):
    setattr(layer, weight_name, saved)


class ClippedInPlace(layers.Layer):
    """Updates the variable in place with assign(): it stays the layer's weight."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def call(self, inputs):
        outputs = self.dense(inputs)
        self.dense.kernel.assign(ops.clip(getattr(self.dense, "kernel"), -1.0, 1.0))
        restore(self.dense, "bias", self.dense.bias)
        return outputs


def _model(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_quant_dense():
    return _model(QuantDense(4))


def make_pruned_block():
    return _model(PrunedBlock())


def make_masked_bias():
    return _model(MaskedBias())


def make_weights_by_setattr():
    return _model(WeightsBySetattr())


def make_clipped_in_place():
    return _model(ClippedInPlace())
