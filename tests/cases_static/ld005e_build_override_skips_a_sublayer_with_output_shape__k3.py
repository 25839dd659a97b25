# LD005 unbuilt-sublayer: a layer with its own build() and compute_output_shape() is wired without running call(), so sublayers build() does not build stay unbuilt
import keras
from keras import layers, ops

CASE, TITLE = "LD005e", "build() builds some state, compute_output_shape() answers the wiring: call()'s other sublayers stay unbuilt"
FEATURES = 6


class GatedProjection(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units)  # LD005

    def build(self, input_shape):
        self.gate = self.add_weight(shape=(self.units,), initializer="ones", name="gate")

    def call(self, inputs):
        return self.proj(inputs) * self.gate

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


class NormInBuild(layers.Layer):
    def build(self, input_shape):
        self.norm = layers.LayerNormalization()  # LD005

    def call(self, inputs):
        return self.norm(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape


class MixAfterSuperBuild(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        super().build(input_shape)
        self.key = layers.Dense(self.units, use_bias=False)  # LD005
        self.value = layers.Dense(self.units, use_bias=False)  # LD005

    def call(self, inputs):
        return self.key(inputs) * self.value(inputs)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


class TracedProjection(layers.Layer):
    """Correct: no compute_output_shape(): the wiring runs call(), which builds the Dense."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units)

    def build(self, input_shape):
        self.gate = self.add_weight(shape=(self.units,), initializer="ones", name="gate")

    def call(self, inputs):
        return self.proj(inputs) * self.gate


class BuiltProjection(layers.Layer):
    """Correct: build() builds the Dense."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units)

    def build(self, input_shape):
        self.proj.build(input_shape)
        self.gate = self.add_weight(shape=(self.units,), initializer="ones", name="gate")

    def call(self, inputs):
        return self.proj(inputs) * self.gate

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


class DefaultBuild(layers.Layer):
    """Correct: no build() of its own."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units)

    def call(self, inputs):
        return ops.relu(self.proj(inputs))

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


def _wired(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_gated():
    return _wired(GatedProjection(4))


def make_norm_in_build():
    return _wired(NormInBuild())


def make_mix_after_super_build():
    return _wired(MixAfterSuperBuild(4))


def make_traced():
    return _wired(TracedProjection(4))


def make_built():
    return _wired(BuiltProjection(4))


def make_default_build():
    return _wired(DefaultBuild(4))
