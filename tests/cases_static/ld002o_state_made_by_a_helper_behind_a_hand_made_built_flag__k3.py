# LD002 state-created-in-call: call() runs a helper behind a hand-made "built" flag (not Keras's own self.built) and the helper stores sublayers or weights on self: Keras 3 raises
import keras
from keras import layers

CASE, TITLE = "LD002o", "sublayers or weights made by a helper that call() runs behind a hand-made built flag: Keras 3 has already locked the layer"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), each make_* below (functional wiring on a
# keras.Input): MEASURED lines. Keras 3 has no `_built` of its own: a flag the class sets False in
# __init__ (`self._built`, `self._initialized`, `self.ready`) is the author's, and the block it guards in
# call() DOES run on the first call -- after Keras has built the layer and locked its state, so the
# helper's `self.x = Dense(...)` / `self.add_weight(...)` raises "You cannot add new elements of state
# (variables or sub-layers) to a layer that is already built" (tf.keras 2 accepted it: the KerasNLP
# encoder of keras-hub#219). Twins: the same flag-guarded helper also run from build() (the guarded call
# is a fallback that never runs), and a flag-guarded helper that only computes settings (no state).


class LazyEncoder(keras.layers.Layer):
    """KerasNLP-style: `_build()` behind `if not self._built`. MEASURED: raises on wiring."""

    def __init__(self, hidden, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden
        self._built = False

    def _build(self, input_shape):
        self._built = True
        self._norm = layers.LayerNormalization()  # LD002
        self._ffn = layers.Dense(self.hidden, activation="relu")  # LD002
        self._proj = layers.Dense(input_shape[-1])  # LD002

    def call(self, inputs):
        if not self._built:
            self._build(inputs.shape)
        return self._norm(inputs + self._proj(self._ffn(inputs)))


class GatedBlock(layers.Layer):
    """Another flag name, the flag set by call(), a weight made through a second helper. MEASURED: raises."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._initialized = False

    def _make_gate(self, n):
        self.gate = self.add_weight(shape=(n,), initializer="ones", name="gate")  # LD002

    def _setup(self, features):
        self._make_gate(features)

    def call(self, x):
        if not self._initialized:
            self._setup(x.shape[-1])
            self._initialized = True
        return x * self.gate


class ReadyHead(keras.Model):
    """A Model, a positive flag name tested `== False`, a sublayer made in the helper. MEASURED: raises."""

    def __init__(self, classes, **kwargs):
        super().__init__(**kwargs)
        self.classes = classes
        self.ready = False

    def make_layers(self):
        self.head = layers.Dense(self.classes)  # LD002
        self.ready = True

    def call(self, features):
        if self.ready == False:  # noqa: E712
            self.make_layers()
        return self.head(features)


class FlagBuiltToo(layers.Layer):
    """build() runs the same helper first: the flag is already True when call() runs."""

    def __init__(self, hidden, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden
        self._built = False

    def _build(self, input_shape):
        self._built = True
        self._ffn = layers.Dense(self.hidden)

    def build(self, input_shape):
        self._build(input_shape)

    def call(self, inputs):
        if not self._built:
            self._build(inputs.shape)
        return self._ffn(inputs)


class FlagSettingsOnly(layers.Layer):
    """The flag-guarded helper only works out settings (no state); the sublayer is made in __init__."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._built = False
        self.dense = layers.Dense(4)

    def _build(self, input_shape):
        self._built = True
        self._scale = 1.0 / float(input_shape[-1])

    def call(self, inputs):
        if not self._built:
            self._build(inputs.shape)
        return self.dense(inputs) * self._scale


def _model(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_lazy_encoder():
    return _model(LazyEncoder(8))


def make_gated_block():
    return _model(GatedBlock())


def make_ready_head():
    return _model(ReadyHead(3))


def make_flag_built_too():
    return _model(FlagBuiltToo(8))


def make_flag_settings_only():
    return _model(FlagSettingsOnly())
