# LD005 unbuilt-sublayer: a sublayer with weights assigned to self and, unconditionally in the same method, replaced by another value
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below called on data): Keras 3's tracker keeps the first layer, which
# stays in the model's layers, unbuilt, with no weights. tf.keras 2.21 untracks it when the attribute is reassigned (it
# is no longer among the model's layers): nothing to report there.
import keras
import numpy as np
from keras import layers

CASE, TITLE = "LD005l", "a sublayer overwritten before anything uses it: Keras 3 still tracks the first one, unbuilt"
FEATURES = 6


class ThreeHeads(keras.Model):
    """The TensorFlow-forum model: a Conv2D first, then a Sequential branch under the same name."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._l1 = layers.Conv2D(filters=4, kernel_size=3)  # LD005
        self._l1 = keras.Sequential([
            layers.Conv2D(filters=4, kernel_size=3),
            layers.GlobalAveragePooling2D(),
            layers.Dense(3),
        ])
        self._l2 = keras.Sequential([layers.GlobalAveragePooling2D(), layers.Dense(3)])

    def call(self, inputs):
        return self._l1(inputs) + self._l2(inputs)


class Projection(layers.Layer):
    """A layer that changes its mind a few lines later."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units)  # LD005
        self.norm = layers.LayerNormalization()
        self.proj = layers.Dense(units, use_bias=False)

    def call(self, inputs):
        return self.norm(self.proj(inputs))


class RebuiltNorm(layers.Layer):
    """The same in build(), with super().build() first."""

    def build(self, input_shape):
        super().build(input_shape)
        self.norm = layers.BatchNormalization()  # LD005
        self.norm = layers.LayerNormalization()

    def call(self, inputs):
        return self.norm(inputs)


class Switchable(layers.Layer):
    """Correct: the second value is chosen under a condition (if/else), not unconditionally."""

    def __init__(self, use_norm=True, **kwargs):
        super().__init__(**kwargs)
        self.post = layers.Dense(FEATURES)
        if use_norm:
            self.post = layers.LayerNormalization()

    def call(self, inputs):
        return self.post(inputs)


class BranchChoice(layers.Layer):
    """Correct: one value per branch of an if/else."""

    def __init__(self, wide=False, **kwargs):
        super().__init__(**kwargs)
        if wide:
            self.body = layers.Dense(2 * FEATURES)
        else:
            self.body = layers.Dense(FEATURES)

    def call(self, inputs):
        return self.body(inputs)


class Wrapped(layers.Layer):
    """Correct: the new value wraps the old one, which it calls."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = layers.Dense(FEATURES)
        self.inner = layers.TimeDistributed(self.inner)

    def call(self, inputs):
        return self.inner(inputs)


class Placeholder(layers.Layer):
    """Correct: the first value is None."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.head = None
        self.head = layers.Dense(FEATURES)

    def call(self, inputs):
        return self.head(inputs)


class WeightlessFirst(layers.Layer):
    """Correct: the first layer has no weights (nothing to build, nothing missing)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.act = layers.Activation("relu")
        self.act = layers.Dense(FEATURES, activation="relu")

    def call(self, inputs):
        return self.act(inputs)


class UsedBetween(layers.Layer):
    """Correct: the first layer is put into a block before the name is reused."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layer = layers.Dense(FEATURES)
        self.block = keras.Sequential([self.layer, layers.Dense(FEATURES)])
        self.layer = layers.Dense(FEATURES)

    def call(self, inputs):
        return self.layer(self.block(inputs))


def _stacked(layer, shape=(FEATURES,)):
    return keras.Sequential([keras.Input(shape), layer]), np.ones((2, *shape), "float32")


def make_three_heads():
    # MEASURED: Keras 3: params 139; the first Conv2D unbuilt, still in the model's layers. tf.keras 2: not in the layers
    return ThreeHeads(), np.ones((2, 8, 8, 3), "float32")


def make_projection():
    # MEASURED: Keras 3: params 48; the first Dense unbuilt, still in the layers. tf.keras 2: not in the layers
    return _stacked(Projection(FEATURES))


def make_rebuilt_norm():
    # MEASURED: Keras 3: params 12; the BatchNormalization unbuilt, still in the layers. tf.keras 2: not in the layers
    return _stacked(RebuiltNorm())


def make_switchable():
    """Left clean: a conditional reassignment is a configuration choice. MEASURED with use_norm=True: params 12;
    Keras 3 keeps the Dense, unbuilt (tf.keras 2 drops it); with use_norm=False the Dense is the one called."""
    return _stacked(Switchable())


def make_branch_choice():
    """Correct. MEASURED: params 42; nothing unbuilt."""
    return _stacked(BranchChoice())


def make_wrapped():
    """Correct. MEASURED: params 42; nothing unbuilt."""
    return _stacked(Wrapped(), (3, FEATURES))


def make_placeholder():
    """Correct. MEASURED: params 42; nothing unbuilt."""
    return _stacked(Placeholder())


def make_weightless_first():
    """Correct. MEASURED: params 42; nothing with weights unbuilt."""
    return _stacked(WeightlessFirst())


def make_used_between():
    """Correct. MEASURED: params 126; nothing unbuilt."""
    return _stacked(UsedBetween())
