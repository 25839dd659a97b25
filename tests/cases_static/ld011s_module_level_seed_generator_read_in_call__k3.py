# LD011 untracked-container: a module-level keras SeedGenerator that a layer's call() draws from
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix17a/measure_s.py on this file): each
# make_* model is called, its variables listed, then fit one epoch (SGD, mse, 2 steps).
# make_noisy: the seed state is in none of model.variables (4: two Dense kernels and biases), the
# global NOISE_SEEDS state goes [11 0] -> [11 2] during fit; make_dropped: the same for _rng, read by the
# module function drop_mask() that call() runs; make_jittered: the same for JITTER_RNG, read by a helper
# method of the class. (Not measured on JAX, no JAX here: its trainer threads only model.variables
# through a jitted step, and Keras's docs ask for the SeedGenerator to be attached to the layer.)
# Twins: make_own: SeedGenerator(SEED) made in __init__ from a module-level int: its state is in
# layer.variables and model.variables; make_held: the global generator stored on self in __init__:
# tracked by the layer (in model.variables); make_pipeline: a global generator used only by a
# data-pipeline function of the file (no layer call reads it); make_wired: a global generator handed
# to a layer constructor in functional code (the layer makes its own tracked generator).
import keras
import keras.random as kr
import numpy as np
from keras import layers, ops
from keras.random import SeedGenerator as Seeds

CASE, TITLE = "LD011s", "a module-level SeedGenerator read by a layer's call()"
FEATURES = 4
SEED = 42

NOISE_SEEDS = Seeds(seed=11)  # LD011
_rng = kr.SeedGenerator(5)  # LD011
JITTER_RNG = keras.random.SeedGenerator(seed=9)  # LD011
AUGMENT_RNG = keras.random.SeedGenerator(3)
HELD_RNG = keras.random.SeedGenerator(4)


class NoisyDense(layers.Layer):
    def __init__(self, units, stddev=0.1, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev
        self.dense = layers.Dense(units)

    def call(self, x, training=False):
        if training:
            x = x + keras.random.normal(ops.shape(x), stddev=self.stddev, seed=NOISE_SEEDS)
        return self.dense(x)


def drop_mask(x, rate):
    keep = keras.random.uniform((ops.shape(x)[0], 1), seed=_rng) >= rate
    return ops.cast(keep, x.dtype) / (1.0 - rate)


class DropBranch(layers.Layer):
    def __init__(self, rate=0.2, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, x, training=None):
        if not training:
            return x
        return x * drop_mask(x, self.rate)


class Jitter(layers.Layer):
    def call(self, x):
        return x + self._noise(x)

    def _noise(self, x):
        return 0.01 * keras.random.normal(ops.shape(x), seed=JITTER_RNG)


class OwnSeed(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(SEED)

    def call(self, x, training=False):
        if training:
            return x + keras.random.normal(ops.shape(x), stddev=0.1, seed=self.seed_generator)
        return x


class HeldSeed(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rng = HELD_RNG  # the global, stored on self: tracked

    def call(self, x):
        return x + 0.01 * keras.random.normal(ops.shape(x), seed=self.rng)


def augment(x, y):
    return x + keras.random.normal(ops.shape(x), stddev=0.05, seed=AUGMENT_RNG), y


def _wrap(layer):
    inputs = keras.Input(shape=(FEATURES,))
    return keras.Model(inputs, layers.Dense(1)(layer(inputs)))


def make_noisy():
    return _wrap(NoisyDense(FEATURES))


def make_dropped():
    return _wrap(DropBranch())


def make_jittered():
    return _wrap(Jitter())


def make_own():
    return _wrap(OwnSeed())


def make_held():
    return _wrap(HeldSeed())


def make_pipeline():
    x, y = augment(np.ones((8, FEATURES), "float32"), np.ones((8, 1), "float32"))
    return _wrap(layers.Dense(FEATURES))


def make_wired():
    inputs = keras.Input(shape=(FEATURES,))
    x = layers.GaussianNoise(0.1, seed=SEED)(inputs)
    return keras.Model(inputs, layers.Dense(1)(x))
