# LD002 state-created-in-call: a weight or sublayer made once, under a guard, in call(): Keras 3 raises on every call
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below, eager call and functional wiring): every marked class
# raises "You cannot add new elements of state (variables or sub-layers) to a layer that is already built"
# (Keras 3 builds the layer, and locks its state, before call() runs); tf.keras 2 accepts the same code.
# The twins run: with no build() and a sublayer still unbuilt, Keras 3 runs call() symbolically before it builds
# (and locks) the layer, so the guarded weight is made in time; a fallback for a weight build() made never runs.
import keras
from keras import layers, ops

CASE, TITLE = "LD002h", "a weight or sublayer made on the first call under a once-only guard: Keras 3 has already locked the layer's state"
FEATURES = 6


class LazyKernel(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        if not hasattr(self, "kernel"):
            self.kernel = self.add_weight(shape=(inputs.shape[-1], self.units), initializer="glorot_uniform")  # LD002
        return ops.matmul(inputs, self.kernel)


class LazyProjection(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.projection = None

    def call(self, inputs):
        if self.projection is None:
            self.projection = layers.Dense(self.units)  # LD002
        return self.projection(inputs)


class LazyScaleModel(keras.Model):
    """No build() and a sublayer still unbuilt at the first call: Keras 3 then runs call() on symbolic
    inputs before it builds (and locks) the model, so the guarded weight is made in time (measured: works)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale = None
        self.head = layers.Dense(2)

    def _ensure_scale(self, features):
        if self.scale is None:
            self.scale = self.add_weight(shape=(features,), initializer="ones", name="scale")
        return self.scale

    def call(self, inputs):
        return self.head(inputs * self._ensure_scale(inputs.shape[-1]))


class GatedWithBuild(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gate = None

    def build(self, input_shape):
        self.bias = self.add_weight(shape=(input_shape[-1],), initializer="zeros")

    def _ensure_gate(self, features):
        if self.gate is None:
            self.gate = self.add_weight(shape=(features,), initializer="ones")  # LD002
        return self.gate

    def call(self, inputs):
        return inputs * self._ensure_gate(inputs.shape[-1]) + self.bias


class ScaledDense(layers.Dense):
    def call(self, inputs):
        if not hasattr(self, "scale"):
            self.scale = self.add_weight(shape=(self.units,), initializer="ones")  # LD002
        return super().call(inputs) * self.scale


class BuiltWithFallback(layers.Layer):
    """build() makes the kernel; the guarded line in call() is a fallback that never runs."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel = None

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        if self.kernel is None:
            self.kernel = self.add_weight(shape=(inputs.shape[-1], self.units))
        return ops.matmul(inputs, self.kernel)


def _model(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_lazy_kernel():
    return _model(LazyKernel(3))


def make_lazy_projection():
    return _model(LazyProjection(3))


def make_lazy_scale_model():
    return LazyScaleModel()


def make_gated_with_build():
    return _model(GatedWithBuild())


def make_scaled_dense():
    return _model(ScaledDense(3))


def make_built_with_fallback():
    return _model(BuiltWithFallback(3))
