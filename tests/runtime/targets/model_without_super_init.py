"""A Model subclass whose __init__ never calls super().__init__() (held-out 29's VAEAC): Keras 3 accepts the
construction and fails at the first use. The twin calls it."""

import keras


class NoSuper(keras.Model):
    def __init__(self):
        self.prior_net = None
        self.units = 4

    def call(self, inputs):
        return inputs


class WithSuper(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(4)

    def call(self, inputs):
        return self.dense(inputs)


def no_super():
    return NoSuper()


def with_super():
    return WithSuper(), keras.ops.ones((2, 3))
