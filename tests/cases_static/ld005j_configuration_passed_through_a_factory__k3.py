# LD005 unbuilt-sublayer: the flag that skips a sublayer comes through a factory function's parameter, from a literal at its call
import keras
from keras import layers, ops

CASE, TITLE = "LD005j", "a factory passes its flag to the layer; the caller's literal makes call() skip a sublayer"
FEATURES = 6


class PatchTokens(layers.Layer):
    def __init__(self, units=8, vanilla=False, **kwargs):
        super().__init__(**kwargs)
        self.vanilla = vanilla
        self.norm = layers.LayerNormalization()
        self.projection = layers.Dense(units)

    def _shifted(self, images, step):
        return ops.roll(images, step, axis=-1)

    def call(self, inputs):
        if not self.vanilla:
            inputs = ops.concatenate([inputs, self._shifted(inputs, 1)], axis=-1)
            return self.projection(self.norm(inputs))
        return self.projection(inputs)


def make_classifier(vanilla=False):
    inputs = keras.Input((FEATURES,))
    tokens = PatchTokens(vanilla=vanilla)(inputs)  # LD005
    return keras.Model(inputs, layers.Dense(1)(tokens))


def make_vanilla():
    return make_classifier(vanilla=True)


class GatedHead(layers.Layer):
    """Correct: every caller of the factory below passes a flag that runs the gate."""

    def __init__(self, gated=True, **kwargs):
        super().__init__(**kwargs)
        self.gated = gated
        self.gate = layers.Dense(4, activation="sigmoid")
        self.value = layers.Dense(4)

    def call(self, inputs):
        if self.gated:
            return self.value(inputs) * self.gate(inputs)
        return self.value(inputs)


def make_head_model(gated):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, GatedHead(gated=gated)(inputs))


def make_gated():
    return make_head_model(True)
