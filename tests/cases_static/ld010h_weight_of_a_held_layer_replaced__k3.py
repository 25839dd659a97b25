# LD010 variable-shadowed: a helper or wrapper replaces the weight of a layer it holds with a tensor computed from it
import keras
from keras import layers, ops

CASE, TITLE = "LD010h", "`layer.kernel = f(layer.kernel)` outside the layer: Keras 3 raises, or the weight is frozen"
FEATURES = 6


def _normalized(w):
    return w / ops.sqrt(ops.sum(ops.square(w)) + 1e-12)


class WeightNorm:
    """A plain helper (not a Layer) that normalizes the kernel of the layer it wraps."""

    def __init__(self, layer):
        self.layer = layer

    def __call__(self, inputs):
        if not self.layer.built:
            self.layer.build(inputs.shape)
        self.layer.kernel = _normalized(self.layer.kernel)  # LD010
        return self.layer(inputs)


def scale_bias(layer, factor):
    layer.bias = layer.bias * factor  # LD010
    return layer


class BiasScaled(layers.Layer):
    """A wrapper layer that rescales its inner layer's bias once, in build()."""

    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def build(self, input_shape):
        self.inner.build(input_shape)
        self.inner.bias = 0.5 * self.inner.bias  # LD010

    def call(self, inputs):
        return self.inner(inputs)


class AssignedNorm:
    """Correct: the variable keeps its identity; its value is assigned."""

    def __init__(self, layer):
        self.layer = layer

    def __call__(self, inputs):
        if not self.layer.built:
            self.layer.build(inputs.shape)
        self.layer.kernel.assign(_normalized(self.layer.kernel))
        return self.layer(inputs)


def normalized_copy(layer):
    """Correct: reads the kernel into a local; the layer is left alone."""
    kernel = _normalized(layer.kernel)
    return kernel


def make_weight_norm():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, WeightNorm(layers.Dense(4))(inputs))


def make_scaled_bias():
    dense = layers.Dense(4)
    dense.build((None, FEATURES))
    scale_bias(dense, 2.0)
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, dense(inputs))


def make_bias_scaled():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, BiasScaled(layers.Dense(4))(inputs))


def make_assigned_norm():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, AssignedNorm(layers.Dense(4))(inputs))
