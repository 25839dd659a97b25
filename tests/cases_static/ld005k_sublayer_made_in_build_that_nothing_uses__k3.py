# LD005 unbuilt-sublayer: build() (or a helper it calls) creates a sublayer with weights that no method of the class uses
# Measured on Keras 3.15.1 + TF 2.21 and on tf.keras 2.21 (each make_* below, wrapped in a Sequential and called on
# data, gradient of the summed output): the same on both, the unused sublayers stay unbuilt, with no weights.
import keras
import numpy as np
from keras import layers

CASE, TITLE = "LD005k", "a sublayer created in build() that nothing calls, builds or reads: it stays unbuilt"
FEATURES = 6


class DecoderBlock(layers.Layer):
    """tfts style: every sublayer is made in build(), then super().build(); `project` is never called."""

    def build(self, input_shape):
        self.proj = layers.Dense(input_shape[-1])
        self.norm = layers.LayerNormalization()
        self.drop = layers.Dropout(0.1)
        self.project = layers.Dense(1)  # LD005
        super().build(input_shape)

    def call(self, inputs):
        return self.norm(inputs + self.drop(self.proj(inputs)))


class SuperFirst(layers.Layer):
    """super().build() first, then the sublayers; the auxiliary head is left over."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        super().build(input_shape)
        self.body = layers.Dense(self.units, activation="relu")
        self.aux_head = layers.Dense(3, name="aux")  # LD005

    def call(self, inputs):
        return self.body(inputs)


class HeadsList(layers.Layer):
    """A list of layers made in build() that call() forgot to use."""

    def build(self, input_shape):
        self.main = layers.Dense(FEATURES)
        self.heads = [layers.Dense(2) for _ in range(3)]  # LD005

    def call(self, inputs):
        return self.main(inputs)


class HeadsInInit(layers.Layer):
    """The same list, made in __init__ (a literal list this time)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.main = layers.Dense(FEATURES)
        self.aux_heads = [layers.Dense(2), layers.Dense(3)]  # LD005

    def call(self, inputs):
        return self.main(inputs)


class HelperMade(layers.Layer):
    """build() calls a helper that creates the sublayers; the gate is never used."""

    def build(self, input_shape):
        self._make_layers(input_shape[-1])

    def _make_layers(self, width):
        self.inner = layers.Dense(width)
        self.gate = layers.Dense(width, activation="sigmoid")  # LD005

    def call(self, inputs):
        return self.inner(inputs)


class Regressor(keras.Model):
    """A Model subclass with a build(): the skip projection is made but never wired in."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(8, activation="tanh")

    def build(self, input_shape):
        self.skip = layers.Dense(1)  # LD005
        self.out = layers.Dense(1)
        super().build(input_shape)

    def call(self, inputs):
        return self.out(self.hidden(inputs))


class UsedInCall(layers.Layer):
    """Correct: made in build(), called in call()."""

    def build(self, input_shape):
        self.proj = layers.Dense(input_shape[-1])
        super().build(input_shape)

    def call(self, inputs):
        return self.proj(inputs)


class WeightlessLeftover(layers.Layer):
    """Correct: the unused sublayer has no weights (nothing to build)."""

    def build(self, input_shape):
        self.proj = layers.Dense(FEATURES)
        self.spare_dropout = layers.Dropout(0.5)

    def call(self, inputs):
        return self.proj(inputs)


class UsedByAMethod(layers.Layer):
    """Correct (as far as lint can tell): the head is used by a public method, which callers may run."""

    def build(self, input_shape):
        self.body = layers.Dense(FEATURES)
        self.head = layers.Dense(2)

    def call(self, inputs):
        return self.body(inputs)

    def predict_head(self, inputs):
        return self.head(self.body(inputs))


class BaseBlock(layers.Layer):
    """Correct: the subclass calls what the base's build() makes."""

    def build(self, input_shape):
        self.body = layers.Dense(FEATURES)
        self.extra = layers.Dense(FEATURES)

    def call(self, inputs):
        return self.body(inputs)


class ExtendedBlock(BaseBlock):
    def call(self, inputs):
        return self.extra(self.body(inputs))


class ProjectedBase(layers.Layer):
    """Its call() runs the projection its subclasses make in build()."""

    def call(self, inputs):
        return self.proj(inputs)


class Projected(ProjectedBase):
    """Correct: build() makes the sublayer the base's call() runs (keras-hub's preprocessors do this)."""

    def build(self, input_shape):
        self.proj = layers.Dense(FEATURES)

    def call(self, inputs):
        return super().call(inputs) * 2.0


class ListUsedInLoop(layers.Layer):
    """Correct: the list made in build() is looped over in call()."""

    def build(self, input_shape):
        self.stack = [layers.Dense(FEATURES) for _ in range(2)]

    def call(self, inputs):
        for layer in self.stack:
            inputs = layer(inputs)
        return inputs


class ByName(layers.Layer):
    """Correct: call() reaches its sublayers by name (getattr)."""

    def build(self, input_shape):
        self.branch_a = layers.Dense(FEATURES)
        self.branch_b = layers.Dense(FEATURES)

    def call(self, inputs):
        return getattr(self, "branch_a")(inputs) + getattr(self, "branch_b")(inputs)


def _stacked(layer):
    return keras.Sequential([keras.Input((FEATURES,)), layer]), np.ones((2, FEATURES), "float32")


def make_decoder_block():
    # MEASURED: params 54, 4 trainable weights; Dense `project` unbuilt after the call
    return _stacked(DecoderBlock())


def make_super_first():
    # MEASURED: params 28; Dense `aux` unbuilt after the call
    return _stacked(SuperFirst(4))


def make_heads_list():
    # MEASURED: params 42; the three Dense of `heads` unbuilt after the call
    return _stacked(HeadsList())


def make_heads_in_init():
    # MEASURED: params 42; both Dense of `aux_heads` unbuilt after the call
    return _stacked(HeadsInInit())


def make_helper_made():
    # MEASURED: params 42; Dense `gate` unbuilt after the call
    return _stacked(HelperMade())


def make_regressor():
    # MEASURED: params 65; Dense `skip` unbuilt after the call
    model = Regressor()
    return model, np.ones((2, FEATURES), "float32")


def make_used_in_call():
    """Correct. MEASURED: params 42; nothing unbuilt, every weight has a gradient."""
    return _stacked(UsedInCall())


def make_weightless_leftover():
    """Correct. MEASURED: params 42; nothing with weights unbuilt (tf.keras 2 lists the Dropout unbuilt)."""
    return _stacked(WeightlessLeftover())


def make_used_by_a_method():
    """Correct (the head is for predict_head(), which lint cannot see callers of). MEASURED: after call():
    params 42, the head unbuilt until predict_head() runs."""
    return _stacked(UsedByAMethod())


def make_extended_block():
    """Correct. MEASURED: params 84; nothing unbuilt."""
    return _stacked(ExtendedBlock())


def make_projected():
    """Correct. MEASURED: params 42; nothing unbuilt."""
    return _stacked(Projected())


def make_list_used_in_loop():
    """Correct. MEASURED: params 84; nothing unbuilt."""
    return _stacked(ListUsedInLoop())


def make_by_name():
    """Correct. MEASURED: params 84; nothing unbuilt."""
    return _stacked(ByName())
