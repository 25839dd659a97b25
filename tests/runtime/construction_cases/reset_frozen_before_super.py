"""`self.trainable = False` before super().__init__() in a Model: Layer.__init__ resets it."""
import keras


class FrozenEncoder(keras.Model):
    def __init__(self, **kwargs):
        self.trainable = False
        super().__init__(**kwargs)  # LD013
        self.dense = keras.layers.Dense(4)

    def call(self, x):
        return self.dense(x)


def build_model():
    return FrozenEncoder(), keras.ops.ones((2, 3))
