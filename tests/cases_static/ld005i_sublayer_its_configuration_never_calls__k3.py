# LD005 unbuilt-sublayer / LD009 no-gradient: __init__ creates a sublayer that call() runs only under an `if` the instance's literal arguments make False
import keras
from keras import layers

CASE, TITLE = "LD005i", "a sublayer created under a weaker condition than the one call() uses it under, with arguments that make the use impossible"
FEATURES = 6


class Residual(layers.Layer):
    """Makes its shortcut projection always, uses it only when `project` is set."""

    def __init__(self, units, project=True, **kwargs):
        super().__init__(**kwargs)
        self.project = project
        self.body = layers.Dense(units, activation="relu")
        self.shortcut = layers.Dense(units)

    def call(self, inputs):
        outputs = self.body(inputs)
        if self.project:
            return outputs + self.shortcut(inputs)
        return outputs


class NormOrScale(layers.Layer):
    """Makes its norm when either option is on, uses it only for `use_norm`."""

    def __init__(self, use_norm=False, use_scale=False, **kwargs):
        super().__init__(**kwargs)
        self.use_norm = use_norm
        self.use_scale = use_scale
        self.proj = layers.Dense(FEATURES)
        if use_norm or use_scale:
            self.norm = layers.LayerNormalization()

    def call(self, inputs):
        outputs = self.proj(inputs)
        if self.use_norm:
            outputs = self.norm(outputs)
        return outputs


class Merge(layers.Layer):
    """An optional identity branch made from the channel counts, used only in "sum" mode."""

    def __init__(self, channels_in, channels_out, mode="sum", **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.main = layers.Dense(channels_out)
        self.identity = layers.BatchNormalization() if channels_in == channels_out else None

    def call(self, inputs):
        outputs = self.main(inputs)
        if self.identity is not None and self.mode == "sum":
            outputs = outputs + self.identity(inputs)
        return outputs


class Gated(layers.Layer):
    """build() builds the gate for a stable weight layout; call() skips it unless `gated`."""

    def __init__(self, units, gated=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.gated = gated
        self.gate = layers.Dense(units, activation="sigmoid")

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(self.units,), initializer="ones", name="scale")
        self.gate.build(input_shape)

    def call(self, inputs):
        if self.gated:
            return inputs * self.gate(inputs) * self.scale
        return inputs * self.scale

    def compute_output_shape(self, input_shape):
        return input_shape


class SameCondition(layers.Layer):
    """Correct: created and used under the same flag."""

    def __init__(self, units, project=True, **kwargs):
        super().__init__(**kwargs)
        self.project = project
        self.body = layers.Dense(units)
        if project:
            self.shortcut = layers.Dense(units)

    def call(self, inputs):
        outputs = self.body(inputs)
        if self.project:
            outputs = outputs + self.shortcut(inputs)
        return outputs


class TrainingOnly(layers.Layer):
    """Correct: the branch depends on a call argument, not on the configuration."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.noise = layers.Dense(FEATURES)

    def call(self, inputs, training=None):
        if training:
            return inputs + self.noise(inputs)
        return inputs


def _stacked(layer):
    return keras.Sequential([keras.Input((FEATURES,)), layer])


def make_residual_without_projection():
    # MEASURED: params as returned 42, after call 42; the shortcut Dense stays unbuilt after the call
    return _stacked(Residual(FEATURES, project=False))  # LD005


def make_norm_for_scale():
    # MEASURED: params as returned 42, after call 42; the LayerNormalization stays unbuilt after the call
    return _stacked(NormOrScale(use_scale=True))  # LD005


def make_merge_in_concat_mode():
    # MEASURED: params as returned 42, after call 42; the identity BatchNormalization stays unbuilt after the call
    return _stacked(Merge(FEATURES, FEATURES, mode="concat"))  # LD005


def make_ungated():
    # MEASURED: params as returned 48, after call 48; None gradient for the gate's kernel and bias (2 of 3 weights)
    return _stacked(Gated(FEATURES, gated=False))  # LD009


def make_residual_with_projection():
    """Correct. MEASURED: params as returned 84, after call 84; nothing unbuilt."""
    return _stacked(Residual(FEATURES, project=True))


def make_same_condition():
    """Correct. MEASURED: params as returned 42, after call 42; nothing unbuilt."""
    return _stacked(SameCondition(FEATURES, project=False))


def make_merge_in_sum_mode():
    """Correct. MEASURED: params as returned 66, after call 66 (24 of them the BatchNormalization's)."""
    return _stacked(Merge(FEATURES, FEATURES))


def make_gated():
    """Correct. MEASURED: params as returned 48, after call 48; every weight gets a gradient."""
    return _stacked(Gated(FEATURES))


def make_training_only():
    """Correct: the noise Dense is built when training runs call(training=True).
    MEASURED: inference call: the Dense stays unbuilt (not a configuration the code fixes)."""
    return _stacked(TrainingOnly())
