"""Models without a call() of their own: containers whose train_step uses their sub-models (a GAN,
a VAE trainer). Keras's base call() raises NotImplementedError, so only the sub-models can be
called. Each function returns the container."""

import keras
from keras import layers

LATENT = 4


class DropoutPerCall(layers.Layer):
    """Bug: a Dropout (and its seed variable) made anew on every call."""

    def call(self, x, training=None):
        return layers.Dropout(0.2)(x, training=training)


def _discriminator():
    return keras.Sequential([keras.Input((6,)), layers.Dense(8), layers.LeakyReLU(), layers.Dense(1)],
                            name="discriminator")


def _generator(noisy=False):
    inputs = keras.Input((LATENT,))
    x = layers.Dense(8, activation="relu")(inputs)
    if noisy:
        x = DropoutPerCall()(x)
    return keras.Model(inputs, layers.Dense(6)(x), name="generator")


class GAN(keras.Model):
    def __init__(self, discriminator, generator, **kwargs):
        super().__init__(**kwargs)
        self.discriminator = discriminator
        self.generator = generator
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.built = True

    def train_step(self, data):  # never run here: what matters is that the class has no call()
        noise = keras.random.normal((2, LATENT), seed=self.seed_generator)
        return {"loss": keras.ops.mean(self.discriminator(self.generator(noise)))}


class Trainer(keras.Model):
    """A VAE-style trainer: an encoder and a decoder, no call(), never marked built."""

    def __init__(self, encoder, decoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder


class Head(keras.Model):
    """A subclassed sub-model never called: unbuilt, no known inputs."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(2)

    def call(self, x):
        return self.dense(x)


def gan():
    return GAN(_discriminator(), _generator())


def trainer():
    encoder = keras.Sequential([keras.Input((6,)), layers.Dense(LATENT)], name="encoder")
    return Trainer(encoder, _generator())


def gan_with_a_buggy_generator():
    return GAN(_discriminator(), _generator(noisy=True))


def trainer_of_unbuilt_parts():
    return Trainer(Head(), Head())


class GatedAttention(layers.Layer):
    """Overrides __call__ instead of call(): Keras's Layer.__call__ never runs, so the layer is never built
    and only the sublayers its own code runs get built. The gate's Dense runs only with use_gate=True."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.query = layers.Dense(units)
        self.key = layers.Dense(units)
        self.gate = layers.Dense(units)
        self.score = layers.Dense(1)

    def __call__(self, query, keys, use_gate=False):
        hidden = keras.ops.tanh(self.query(query)[:, None, :] + self.key(keys))
        if use_gate:
            hidden = hidden * keras.ops.sigmoid(self.gate(hidden))
        return keras.ops.softmax(self.score(hidden), axis=1)


def _run_attention(use_gate):
    attention = GatedAttention(5)
    attention(keras.random.normal((2, 3)), keras.random.normal((2, 4, 3)), use_gate=use_gate)
    return attention


def attention_gate_never_run():
    return _run_attention(use_gate=False)


def attention_gate_run():
    return _run_attention(use_gate=True)
