# LD010 variable-shadowed: a decoder copies the transpose of a layer passed to its constructor in build()
import keras
from keras import layers, ops

CASE, TITLE = "LD010f", "tied autoencoder: transpose of the encoder's kernel taken once in build()"
FEATURES = 12


class TiedOnce(layers.Layer):
    def __init__(self, tied_to, **kwargs):
        super().__init__(**kwargs)
        self.tied_to = tied_to

    def build(self, input_shape):
        self.kernel = ops.transpose(self.tied_to.kernel)  # LD010
        self.bias = self.add_weight(shape=(FEATURES,), initializer="zeros", name="bias")

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias


class TiedLive(layers.Layer):
    """Correct: the transpose is taken in call(), from the variable, every time."""

    def __init__(self, tied_to, **kwargs):
        super().__init__(**kwargs)
        self.tied_to = tied_to

    def build(self, input_shape):
        self.bias = self.add_weight(shape=(FEATURES,), initializer="zeros", name="bias")

    def call(self, inputs):
        return ops.matmul(inputs, ops.transpose(self.tied_to.kernel)) + self.bias


def make_tied_once():
    inputs = keras.Input((FEATURES,))
    encoder = layers.Dense(4, use_bias=False)
    return keras.Model(inputs, TiedOnce(encoder)(encoder(inputs)))


def make_tied_live():
    inputs = keras.Input((FEATURES,))
    encoder = layers.Dense(4, use_bias=False)
    return keras.Model(inputs, TiedLive(encoder)(encoder(inputs)))
