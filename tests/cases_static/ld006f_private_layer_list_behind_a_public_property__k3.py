# LD006 private-weight-list: Keras 3's own `_layers` name on a Layer, with and without a property that returns it
import keras
from keras import layers

CASE, TITLE = "LD006f", "self._layers on a Layer: a property returning it makes the saver follow the list"
FEATURES = 6


class ExposedStack(layers.Layer):
    """Correct: `layers` (public) returns the list, and Keras 3's saver follows public properties."""

    def __init__(self, *blocks, **kwargs):
        super().__init__(**kwargs)
        self._layers = list(blocks)

    @property
    def layers(self):
        return self._layers

    def call(self, inputs):
        for block in self._layers:
            inputs = block(inputs)
        return inputs


class HiddenStack(layers.Layer):
    """Correct too: the saver follows any attribute a base Layer lacks, a private property included."""

    def __init__(self, *blocks, **kwargs):
        super().__init__(**kwargs)
        self._layers = list(blocks)

    @property
    def _blocks(self):
        return self._layers

    def call(self, inputs):
        for block in self._blocks:
            inputs = block(inputs)
        return inputs


class ExposedStackWithHead(layers.Layer):
    """The property saves the list, but Keras's own list is replaced: the head assigned next is lost."""

    def __init__(self, *blocks, **kwargs):
        super().__init__(**kwargs)
        self._layers = list(blocks)  # LD006
        self.head = layers.Dense(FEATURES)

    @property
    def layers(self):
        return self._layers

    def call(self, inputs):
        for block in self._layers:
            inputs = block(inputs)
        return self.head(inputs)


def make_exposed():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, ExposedStack(layers.Dense(FEATURES), layers.Dense(FEATURES))(inputs))


def make_hidden():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, HiddenStack(layers.Dense(FEATURES), layers.Dense(FEATURES))(inputs))


class BareStack(layers.Layer):
    def __init__(self, *blocks, **kwargs):
        super().__init__(**kwargs)
        self._layers = list(blocks)  # LD006

    def call(self, inputs):
        for block in self._layers:
            inputs = block(inputs)
        return inputs


def make_bare():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, BareStack(layers.Dense(FEATURES), layers.Dense(FEATURES))(inputs))


def make_exposed_with_head():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, ExposedStackWithHead(layers.Dense(FEATURES))(inputs))
