"""Targets for tests/runtime/test_runtime_frozen_slices.py: a weight kept as a list of slices taken
once in build() (and its correct twin), and a weight-norm copy stored through a local alias."""

import keras
from keras import layers, ops

FEATURES, SEASON = 6, 3


class SlicedOnce(layers.Layer):
    """The seasonal factors are sliced from the weight once, in build(): call() reads the slices."""

    def build(self, input_shape):
        self.season = self.add_weight(shape=(SEASON,), initializer="ones", name="season")
        self.season_steps = [ops.slice(self.season, (i,), (1,)) for i in range(SEASON)]

    def call(self, x):
        return ops.concatenate([x * step for step in self.season_steps], axis=-1)


class SlicedPerCall(layers.Layer):
    """Correct: the same slices, taken in call()."""

    def build(self, input_shape):
        self.season = self.add_weight(shape=(SEASON,), initializer="ones", name="season")

    def call(self, x):
        steps = [ops.slice(self.season, (i,), (1,)) for i in range(SEASON)]
        return ops.concatenate([x * step for step in steps], axis=-1)


def sliced_once():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, SlicedOnce()(layers.Dense(2)(inputs)))


def sliced_per_call():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, SlicedPerCall()(layers.Dense(2)(inputs)))


class NormedThroughAlias(layers.Wrapper):
    """Weight norm computed once in build() through a local alias of the wrapped layer: Dense.call()
    reads the stored tensor, so the gain `g` never reaches the output."""

    def build(self, input_shape):
        inner = self.layer
        inner.build(input_shape)
        self.g = self.add_weight(shape=(inner.units,), initializer="ones", name="g")
        inner._kernel = ops.multiply(inner.kernel, self.g)

    def call(self, inputs):
        return self.layer(inputs)


def normed_through_alias():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, NormedThroughAlias(layers.Dense(2))(inputs))
