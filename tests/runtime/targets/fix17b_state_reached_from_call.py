"""Held-out 17's focalnet miss as a family: Keras state (a SeedGenerator, a keras.Variable) that a
user layer's call() reaches through a module global or a closure cell (each builder returns
(model, inputs)).

Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix17b/m/measure.py, and tests/runtime/
test_runtime_fix17b_inspect.py asserts it): each buggy layer has 0 variables and the generator's
state is not in model.variables; one epoch of fit (SGD, mse, 2 steps) advances the global state
outside the model; save_weights stores no seed entry. On Keras 3 + JAX 0.10.2 (same script) fit
never advances the global state: every traced step draws with the same seed. A generator made in
__init__ adds its seed_generator_state to the layer's variables (1 variable).

Buggy: a global generator used directly in call() (under an alias of keras.random), a global read
by a module-level helper function call() runs, a global read by a helper method, a generator a
layer factory closes over, a module-level keras.Variable counter call() increments.
Correct: the generator made in __init__, a module-level generator used only to draw the data, the
shared global generator assigned to self in __init__ (tracked), a module-level layer wired in the
functional model.
"""

import numpy as np
import keras
from keras import layers, ops
from keras import random as krandom

NOISE_RNG = krandom.SeedGenerator(3)
_DROP_RNG = keras.random.SeedGenerator(11)
_MASK_RNG = keras.random.SeedGenerator(13)
STEPS_SEEN = keras.Variable(0, trainable=False, dtype="int32", name="steps_seen")
DATA_RNG = keras.random.SeedGenerator(5)
SHARED_RNG = keras.random.SeedGenerator(17)
shared_head = layers.Dense(2, name="shared_head")


def _inputs():
    return np.random.default_rng(0).random((4, 6)).astype("float32")


def _wrap(layer):
    inputs = keras.Input((6,))
    hidden = layers.Dense(6)(inputs)
    return keras.Model(inputs, layers.Dense(1)(layer(hidden))), _inputs()


# -- buggy ----------------------------------------------------------------------------------

class GaussianJitter(layers.Layer):
    def __init__(self, stddev=0.1, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev

    def call(self, x, training=None):
        if training:
            return x + krandom.normal(ops.shape(x), stddev=self.stddev, seed=NOISE_RNG)
        return x


def jitter_from_global_generator():
    return _wrap(GaussianJitter())


def drop_path(x, rate):
    keep = 1.0 - rate
    mask = ops.floor(keep + keras.random.uniform((ops.shape(x)[0], 1), seed=_DROP_RNG))
    return x / keep * mask


class DropPath(layers.Layer):
    def __init__(self, rate=0.2, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, x, training=False):
        return drop_path(x, self.rate) if training else x


def drop_path_through_helper_function():
    return _wrap(DropPath())


class FeatureMasker(layers.Layer):
    def _mask(self, x):
        return ops.cast(keras.random.uniform(ops.shape(x), seed=_MASK_RNG) > 0.3, x.dtype)

    def call(self, x, training=None):
        return x * self._mask(x) if training else x


def mask_through_helper_method():
    return _wrap(FeatureMasker())


def make_token_dropout(rate):
    generator = keras.random.SeedGenerator(23)

    class TokenDropout(layers.Layer):
        def call(self, x, training=None):
            if training:
                return keras.random.dropout(x, rate, seed=generator)
            return x

    return TokenDropout()


def dropout_closing_over_generator():
    return _wrap(make_token_dropout(0.25))


class StepCounter(layers.Layer):
    def call(self, x):
        STEPS_SEEN.assign_add(1)
        return x


def global_step_counter():
    return _wrap(StepCounter())


# -- correct --------------------------------------------------------------------------------

class OwnJitter(layers.Layer):
    def __init__(self, stddev=0.1, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev
        self.noise_rng = krandom.SeedGenerator(3)

    def call(self, x, training=None):
        if training:
            return x + krandom.normal(ops.shape(x), stddev=self.stddev, seed=self.noise_rng)
        return x


def generator_made_in_init():
    return _wrap(OwnJitter())


class Scale(layers.Layer):
    def call(self, x):
        return x * 0.5


def generator_only_draws_the_data():
    inputs = keras.Input((6,))
    model = keras.Model(inputs, layers.Dense(1)(Scale()(layers.Dense(6)(inputs))))
    return model, keras.random.normal((4, 6), seed=DATA_RNG)


class SharedJitter(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rng = SHARED_RNG

    def call(self, x, training=None):
        if training:
            return x + keras.random.normal(ops.shape(x), stddev=0.1, seed=self.rng)
        return x


def shared_generator_assigned_to_self():
    return _wrap(SharedJitter())


class Head(layers.Layer):
    def call(self, x):
        return ops.tanh(x)


def global_layer_wired_functionally():
    inputs = keras.Input((6,))
    return keras.Model(inputs, Head()(shared_head(layers.Dense(6)(inputs)))), _inputs()
