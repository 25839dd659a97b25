"""Correct: one learnable-activation layer (3 scalar weights) reused after a 32- and a 64-channel conv.

The reporter wrote `Diffact`, a quadratic activation `k0 + k1*x + k2*x^2` with three scalar
weights, instantiated it once and used it after two convolutions of different widths, and asked
how backprop works for a layer used twice. The weights are scalars, so the second call on 64
channels fits the weights built on the 32-channel call (no shape clash); the shared weights get
the sum of both paths' gradients.
"""

SOURCE = "https://github.com/keras-team/keras/issues/14388"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
wires fine (no shape error although the two calls see 32 and 64 channels: the weights are
scalars); count_params() == 34829 with the three Diffact scalars counted once; all three get a
gradient; no warning."""

import keras
from keras import layers, ops


class Diffact(keras.layers.Layer):
    def __init__(self):
        super(Diffact, self).__init__()
        self.k0 = self.add_weight(shape=(), initializer="random_normal", trainable=True)
        self.k1 = self.add_weight(shape=(), initializer="random_normal", trainable=True)
        self.k2 = self.add_weight(shape=(), initializer="random_normal", trainable=True)

    def call(self, inputs):
        return self.k0 + ops.multiply(inputs, self.k1) + ops.multiply(ops.multiply(inputs, inputs), self.k2)


def build_model(input_shape=(28, 28, 1), num_classes=10):
    inputs = keras.Input(shape=input_shape)
    x = layers.Conv2D(32, kernel_size=(3, 3))(inputs)
    diffact = Diffact()
    x = diffact(x)
    x = layers.MaxPooling2D(pool_size=(2, 2))(x)
    x = layers.Conv2D(64, kernel_size=(3, 3))(x)
    x = diffact(x)
    x = layers.MaxPooling2D(pool_size=(2, 2))(x)
    x = layers.Flatten()(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)
