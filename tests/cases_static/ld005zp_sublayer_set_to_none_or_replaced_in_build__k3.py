# LD005 unbuilt-sublayer: a sublayer made in __init__ that build() sets to None or replaces (Keras 3 keeps tracking it)
from keras import layers

CASE, TITLE = "LD005zp", "a sublayer made in __init__ that build() sets to None or replaces: Keras 3 keeps the old one, unbuilt"
# Measured on Keras 3.15.1 + TF 2.21 (a probe calling each layer once), after one call on a (1, 8, 8, 3) input: Shortcut
# keeps [('conv2d', True), ('conv2d_1', False)] in its sublayers (the dropped projection, unbuilt; `del self.proj`
# leaves it too), Rebuilt keeps its first Dense unbuilt next to the one build() made; every look-alike below has
# only built sublayers.


class Shortcut(layers.Layer):
    """Keeps a projection only when the channels change: decided in build(), after __init__ made it."""

    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.conv = layers.Conv2D(filters, 3, padding="same")
        self.proj = layers.Conv2D(filters, 1)

    def build(self, input_shape):
        if input_shape[-1] == self.filters:
            self.proj = None  # LD005

    def call(self, x):
        shortcut = x if self.proj is None else self.proj(x)
        return self.conv(x) + shortcut


class Rebuilt(layers.Layer):
    """Makes its Dense again in build() with the size it learns there."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def build(self, input_shape):
        self.dense = layers.Dense(input_shape[-1])  # LD005

    def call(self, x):
        return self.dense(x)


class ShortcutMadeInBuild(layers.Layer):
    """Correct: the projection is made in build(), only when the channels change."""

    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.conv = layers.Conv2D(filters, 3, padding="same")
        self.proj = None

    def build(self, input_shape):
        if input_shape[-1] != self.filters:
            self.proj = layers.Conv2D(self.filters, 1)

    def call(self, x):
        shortcut = x if self.proj is None else self.proj(x)
        return self.conv(x) + shortcut


class ConfiguredShortcut(layers.Layer):
    """Correct: build() clears the projection under the same setting __init__ skipped it under."""

    def __init__(self, filters, use_projection=True, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.use_projection = use_projection
        self.conv = layers.Conv2D(filters, 3, padding="same")
        self.proj = layers.Conv2D(filters, 1) if use_projection else None

    def build(self, input_shape):
        if not self.use_projection:
            self.proj = None

    def call(self, x):
        shortcut = x if self.proj is None else self.proj(x)
        return self.conv(x) + shortcut


class Wrapped(layers.Layer):
    """Correct: build() builds the Dense, then wraps it (the wrapper runs it)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def build(self, input_shape):
        self.dense.build(input_shape)
        self.dense = layers.TimeDistributed(self.dense)

    def call(self, x):
        return self.dense(x)
