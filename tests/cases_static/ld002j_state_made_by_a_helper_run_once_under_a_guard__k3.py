# LD002 state-created-in-call: call() runs a helper method once, under a guard, and the helper makes a weight or sublayer: Keras 3 raises on every call
import keras
from keras import layers, ops

CASE, TITLE = "LD002j", "a helper method that call() runs once under a guard makes the layer's state: Keras 3 has already locked it"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), each make_* below (functional wiring, then an
# eager call): every marked class raises "You cannot add new elements of state (variables or sub-layers) to a
# layer that is already built" -- Keras 3 builds the layer, and locks its state, before call() runs, so the
# state the helper makes on the "first call" (the tf.keras 2 contract) is refused. MEASURED lines below.
# Twins: a build() that runs the same helper (the guarded call is a fallback that never runs), and a model
# with no build() and a sublayer still unbuilt at the first call (Keras 3 then runs call() symbolically
# before it locks the state, so the helper's weight is made in time): both build and run.


class LazyLinear(layers.Layer):
    """MEASURED: raises on wiring."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.w = None

    def _create_state(self, input_dim):
        self.w = self.add_weight(shape=(input_dim, self.units), initializer="glorot_uniform")  # LD002

    def call(self, inputs):
        if self.w is None:
            self._create_state(inputs.shape[-1])
        return ops.matmul(inputs, self.w)


class LazyHead(keras.layers.Layer):
    """A sublayer made by the helper. MEASURED: raises on wiring."""

    def __init__(self, classes, **kwargs):
        super().__init__(**kwargs)
        self.classes = classes

    def _make_head(self):
        self.head = keras.layers.Dense(self.classes)  # LD002

    def call(self, features):
        if not hasattr(self, "head"):
            self._make_head()
        return self.head(features)


class GatedDense(layers.Dense):
    """Through two helpers; the guard is in the first. MEASURED: raises on wiring."""

    def __init__(self, units, **kwargs):
        super().__init__(units, **kwargs)
        self.gate = None

    def _make_gate(self, n):
        self.gate = self.add_weight(shape=(n,), initializer="ones", name="gate")  # LD002

    def _lazy_init(self):
        self._make_gate(self.units)

    def call(self, inputs):
        if self.gate is None:
            self._lazy_init()
        return super().call(inputs) * self.gate


class BuiltByHelperToo(layers.Layer):
    """build() runs the same helper: the guarded call in call() never runs."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel = None

    def _create_state(self, input_dim):
        self.kernel = self.add_weight(shape=(input_dim, self.units))

    def build(self, input_shape):
        self._create_state(input_shape[-1])

    def call(self, inputs):
        if self.kernel is None:
            self._create_state(inputs.shape[-1])
        return ops.matmul(inputs, self.kernel)


class LazyScaleModel(keras.Model):
    """No build() and a sublayer still unbuilt at the first call: Keras 3 runs call() on symbolic inputs
    before it locks the model, so the helper's weight is made in time."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale = None
        self.out = layers.Dense(2)

    def _make_scale(self, features):
        self.scale = self.add_weight(shape=(features,), initializer="ones", name="scale")

    def call(self, inputs):
        if self.scale is None:
            self._make_scale(inputs.shape[-1])
        return self.out(inputs * self.scale)


def _model(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_lazy_linear():
    return _model(LazyLinear(3))


def make_lazy_head():
    return _model(LazyHead(3))


def make_gated_dense():
    return _model(GatedDense(3))


def make_built_by_helper_too():
    return _model(BuiltByHelperToo(3))


def make_lazy_scale_model():
    model = LazyScaleModel()
    model(ops.ones((2, FEATURES)))
    return model
