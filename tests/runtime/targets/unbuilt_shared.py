"""Layers never called, so never built, whose weighted sublayers are built another way (held-out 5,
DiffPool): shared with a layer that is called, or called directly by the model. Look-alikes that do
lose weights: a never-called layer with a sublayer of its own nobody builds, or with a build() of its own."""

import keras
from keras import layers


class Pool(layers.Layer):
    """Holds the assignment head; the model never calls it."""

    def __init__(self):
        super().__init__()
        self.proj = layers.Dense(2)

    def call(self, x):
        return self.proj(x)


class BatchedPool(layers.Layer):
    """Takes over pool.proj and is the one called."""

    def __init__(self, pool):
        super().__init__()
        self.proj = pool.proj

    def call(self, x):
        return keras.ops.softmax(self.proj(x))


class SharedHead(keras.Model):
    def __init__(self, pool_class=Pool):
        super().__init__()
        self.pool = pool_class()
        self.batched = BatchedPool(self.pool)
        self.out = layers.Dense(1)

    def call(self, x):
        return self.out(self.batched(x))


class Backbone(keras.Model):
    def __init__(self):
        super().__init__()
        self.enc = layers.Dense(4)
        self.cls = layers.Dense(1)

    def call(self, x):
        return self.cls(self.enc(x))


class Driver(keras.Model):
    """Calls the backbone's sublayers one by one, never the backbone itself."""

    def __init__(self):
        super().__init__()
        self.backbone = Backbone()

    def call(self, x):
        return self.backbone.cls(self.backbone.enc(x))


class PoolWithOwnHead(Pool):
    """Also owns a Dense nobody builds."""

    def __init__(self):
        super().__init__()
        self.gate = layers.Dense(2)


class PoolWithTemperature(Pool):
    """Makes a weight of its own in build(), which never runs."""

    def build(self, input_shape):
        self.temperature = self.add_weight(shape=(), initializer="ones")
        self.proj.build(input_shape)


def _called(model):
    model(keras.ops.ones((2, 3)))
    return model


def shared_head():
    return _called(SharedHead())


def driver():
    return _called(Driver())


def shared_head_and_dead_gate():
    return _called(SharedHead(PoolWithOwnHead))


def shared_head_and_own_weight():
    return _called(SharedHead(PoolWithTemperature))
