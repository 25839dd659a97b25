"""Correct twin: trainable set after super().__init__(), config values before it."""
import keras


class FrozenEncoder(keras.Model):
    def __init__(self, **kwargs):
        self.width = 4
        super().__init__(**kwargs)
        self.trainable = False
        self.dense = keras.layers.Dense(self.width)

    def call(self, x):
        return self.dense(x)


def build_model():
    return FrozenEncoder(), keras.ops.ones((2, 3))
