# LD009 no-gradient: integer-typed weights, blocking Lambdas written as functions, trained outputs
import keras
from keras import layers, ops

CASE, TITLE = "LD009i", "integer weights; a quantising Lambda function in a Sequential or at a trained output"


class Quantiser(keras.layers.Layer):
    def build(self, input_shape):
        self.levels = self.add_weight(shape=(input_shape[-1],), initializer="ones", dtype="int64")  # LD009
        self.offset = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="offset")

    def call(self, x):
        return x * ops.cast(self.levels, x.dtype) + self.offset


def to_bins(t):
    return ops.round(t * 4.0)


def make_sequential():
    return keras.Sequential([
        keras.Input((8,)),
        layers.Dense(8),
        layers.Lambda(to_bins),  # LD009: its output feeds the next Dense
        layers.Dense(1),
    ])


def make_trained_output():
    inputs = keras.Input((8,))
    scores = layers.Dense(4)(inputs)
    labels = layers.Lambda(lambda t: ops.argmax(t, axis=-1))(scores)  # LD009: the compiled loss is on it
    model = keras.Model(inputs, labels)
    model.compile("adam", "mse")
    return model


def make_decoder(classifier):
    """Correct: an argmax at the output of a model trained elsewhere (inference only)."""
    inputs = keras.Input((8,))
    scores = classifier(inputs)
    return keras.Model(inputs, layers.Lambda(lambda t: ops.argmax(t, axis=-1))(scores))


class Projection(keras.layers.Layer):
    """Correct: the weight is read outside call(), by the wiring code below."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.matrix = self.add_weight(shape=(8, 2), name="matrix")

    def call(self, x):
        return x


def make_projected():
    inputs = keras.Input((8,))
    projection = Projection()
    x = projection(inputs)
    return keras.Model(inputs, ops.matmul(x, projection.matrix))
