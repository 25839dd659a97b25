# LD001 raw-tensor-state: a tensor with one value everywhere (`c * ones(dim)`, `zeros(units)`, `full(shape, c)`),
# shaped by the layer's arguments or its input, stored on self and applied elementwise to the input in call(),
# in a layer that owns no weight: a layer scale or offset written as a constant.
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/m001k.py: each make_* model called on
# random inputs under a tape): make_layer_scale, make_channel_offset, make_filled_gain: the custom layer has
# 0 weights and count_params() counts only the Dense; multiplying or adding a tensor whose every element is
# the same equals using one number, so the per-channel shape only makes sense for a parameter meant to
# train (ConvNeXt's layer scale: research-rainfallradar, tests/heldout11). Nothing states the intent, so
# lint reports it as a warning that says it is a heuristic.
# Twins (no finding): make_causal_mask (ones then triu: not uniform), make_fixed_scalar (a literal
# shape: a fixed constant by design), make_scaled_weight (the layer owns a weight; the uniform tensor
# is an epsilon floor for it).
import keras
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD001k", "a uniform tensor shaped by the layer's arguments, applied elementwise in call()"
FEATURES = 6


class LayerScaleConstant(layers.Layer):
    def __init__(self, dim, init_value=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.const = init_value * tf.ones((self.dim,), dtype=tf.float32)  # LD001

    def call(self, inputs):
        return tf.multiply(inputs, self.const)


class ChannelOffset(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.offset = ops.zeros((units,))  # LD001

    def call(self, x):
        return x + self.offset


class FilledGain(layers.Layer):
    def __init__(self, start=0.5, **kwargs):
        super().__init__(**kwargs)
        self.start = start

    def build(self, input_shape):
        self.factor = tf.fill([input_shape[-1]], self.start)  # LD001

    def call(self, x):
        return ops.multiply(self.factor, x)


class CausalMask(layers.Layer):
    """Twin: ones turned into a triangle (not one value everywhere): a mask by design."""

    def __init__(self, length, **kwargs):
        super().__init__(**kwargs)
        self.mask = ops.triu(ops.ones((length, length)))

    def call(self, x):
        return ops.matmul(x, self.mask)


class FixedScalar(layers.Layer):
    """Twin: a literal shape: one fixed number by design."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.half = 0.5 * ops.ones(())

    def call(self, x):
        return x * self.half


class ScaledWeight(layers.Layer):
    """Twin: the layer owns its weight; the uniform tensor is a floor added to it."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.floor = 1e-3 * ops.ones((units,))

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(self.units,), initializer="ones", name="scale")

    def call(self, x):
        return x * (self.scale + self.floor)


def _model(layer, width=FEATURES):
    inputs = keras.Input((width,))
    return keras.Model(inputs, layer(layers.Dense(width)(inputs)))


def make_layer_scale():
    return _model(LayerScaleConstant(FEATURES))


def make_channel_offset():
    return _model(ChannelOffset(FEATURES))


def make_filled_gain():
    return _model(FilledGain())


def make_causal_mask():
    return _model(CausalMask(FEATURES))


def make_fixed_scalar():
    return _model(FixedScalar())


def make_scaled_weight():
    return _model(ScaledWeight(FEATURES))
