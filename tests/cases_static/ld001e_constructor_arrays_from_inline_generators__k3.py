# LD001 raw-tensor-state: arrays drawn from an inline NumPy generator and passed to a layer's constructor
import keras
import numpy as np
from keras import ops

CASE, TITLE = "LD001e", "np.random.default_rng(...).normal(...) at the call site, used as a weight in call()"


class Mixer(keras.layers.Layer):
    def __init__(self, mixing, **kwargs):
        super().__init__(**kwargs)
        self.mixing = mixing  # LD001

    def call(self, inputs):
        return ops.matmul(inputs, self.mixing)


class Scorer(keras.layers.Layer):
    def __init__(self, readout, **kwargs):
        super().__init__(**kwargs)
        self.readout = readout  # LD001

    def call(self, inputs):
        return ops.tensordot(inputs, self.readout, axes=1)


class Jitter(keras.layers.Layer):
    """Correct: the array is a fixed noise pattern added to the input, a constant by design."""

    def __init__(self, noise, **kwargs):
        super().__init__(**kwargs)
        self.noise = noise

    def call(self, inputs):
        return inputs + self.noise


def make_functional():
    inputs = keras.Input((6,))
    x = Mixer(np.random.default_rng(0).standard_normal((6, 3)).astype("float32"))(inputs)
    x = Scorer(np.random.default_rng(seed=1).uniform(size=(3, 2)))(x)
    x = Jitter(np.random.default_rng(2).normal(size=(2,)).astype("float32"))(x)
    return keras.Model(inputs, x)
