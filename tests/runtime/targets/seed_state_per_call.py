"""Random layers and seed state created inside call(): every forward pass makes a new non-trainable
variable (a SeedGenerator's state). No weight and no gradient shows it, but the traced step of
fit() refuses a variable created on a non-first trace. Correct twins keep the seed state made once.
Each function returns (model, inputs)."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers

X = np.random.default_rng(0).standard_normal((4, 6)).astype("float32")


class Sampling(layers.Layer):
    """A reparameterisation layer owning its seed state (made once, in __init__)."""

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs):
        mean, log_var = inputs
        noise = keras.random.normal(keras.ops.shape(mean), seed=self.seed_generator)
        return mean + keras.ops.exp(0.5 * log_var) * noise


class SamplingBuiltSeed(layers.Layer):
    """The seed state made in build()."""

    def build(self, input_shape):
        self.seed_generator = keras.random.SeedGenerator(3)

    def call(self, inputs):
        mean, log_var = inputs
        noise = keras.random.normal(keras.ops.shape(mean), seed=self.seed_generator)
        return mean + keras.ops.exp(0.5 * log_var) * noise


class SamplerModel(keras.Model):
    """Bug: a new Sampling layer (and seed variable) per call."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mean = layers.Dense(3)
        self.log_var = layers.Dense(3)
        self.head = layers.Dense(1)

    def call(self, x):
        z = Sampling()([self.mean(x), self.log_var(x)])
        return self.head(z)


class DropoutInCall(layers.Layer):
    """Bug: a Dropout (with its seed state) made in call()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)

    def call(self, x, training=None):
        return layers.Dropout(0.3)(self.proj(x), training=training)


class NoiseInCall(layers.Layer):
    """Bug: a GaussianNoise layer made in call(), in a loop."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)

    def call(self, x, training=None):
        for _ in range(2):
            x = layers.GaussianNoise(0.1)(x, training=training)
        return self.proj(x)


class SeedGeneratorInCall(layers.Layer):
    """Bug: a bare SeedGenerator made in call()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)

    def call(self, x):
        noise = keras.random.uniform(keras.ops.shape(x), seed=keras.random.SeedGenerator(7))
        return self.proj(x + noise)


class CounterInCall(layers.Layer):
    """Bug: a non-trainable step counter made as a local tf.Variable in call()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)

    def call(self, x):
        steps = tf.Variable(0.0, trainable=False)
        steps.assign_add(1.0)
        return self.proj(x) * steps


# -- correct twins ------------------------------------------------------------------------

class SamplerModelFixed(SamplerModel):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sampling = Sampling()

    def call(self, x):
        return self.head(self.sampling([self.mean(x), self.log_var(x)]))


class SamplerModelBuiltSeed(SamplerModel):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sampling = SamplingBuiltSeed()

    def call(self, x):
        return self.head(self.sampling([self.mean(x), self.log_var(x)]))


class UnseededNoise(layers.Layer):
    """keras.random with seed=None in call(): Keras's one global seed state, made once."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)

    def call(self, x):
        return self.proj(x + keras.random.normal(keras.ops.shape(x), seed=None))


class DropoutInInit(DropoutInCall):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dropout = layers.Dropout(0.3)

    def call(self, x, training=None):
        return self.dropout(self.proj(x), training=training)


class StatelessLayerInCall(DropoutInCall):
    """An Activation layer (no variable at all) made in call(): nothing is lost."""

    def call(self, x, training=None):
        return layers.Activation("relu")(self.proj(x))


def _wrapped(layer):
    inputs = keras.Input((6,))
    return keras.Model(inputs, layer(inputs))


def sampler_model():
    return SamplerModel(), X


def dropout_in_call():
    return _wrapped(DropoutInCall()), X


def noise_in_call():
    return _wrapped(NoiseInCall()), X


def seed_generator_in_call():
    return _wrapped(SeedGeneratorInCall()), X


def counter_in_call():
    return _wrapped(CounterInCall()), X


def sampler_model_fixed():
    return SamplerModelFixed(), X


def sampler_model_built_seed():
    return SamplerModelBuiltSeed(), X


def unseeded_noise():
    return _wrapped(UnseededNoise()), X


def dropout_in_init():
    return _wrapped(DropoutInInit()), X


def stateless_layer_in_call():
    return _wrapped(StatelessLayerInCall()), X


BUGS = ["sampler_model", "dropout_in_call", "noise_in_call", "seed_generator_in_call", "counter_in_call"]
CORRECT = ["sampler_model_fixed", "sampler_model_built_seed", "unseeded_noise", "dropout_in_init",
           "stateless_layer_in_call"]
