# LD012 lambda-captured-state: a named nested function closing over a layer; a layer's plain config read is fine
import keras
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD012e", "a Lambda given a nested def that closes over a layer; a Lambda reading a layer's number"


class Scorer(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.score = layers.Dense(1)

    def call(self, inputs):
        return self.score(inputs)


def attention_model():
    query = keras.Input((6,))
    keys = keras.Input((5, 6))
    scorer = Scorer()

    def pool(tensors):
        q, k = tensors
        weights = ops.softmax(scorer(k * ops.expand_dims(q, 1)), axis=1)
        return ops.sum(weights * k, axis=1)

    pooled = layers.Lambda(pool)([query, keys])  # LD012: `scorer` is reached through the closure
    return keras.Model([query, keys], pooled)


def gated_block(x, units):
    gate = layers.Dense(units, activation="sigmoid")

    def apply_gate(t):
        return t * gate(t)

    return layers.Lambda(apply_gate)(x)  # LD012: `gate` is reached through the closure


def gated_model():
    inputs = keras.Input((8,))
    return keras.Model(inputs, gated_block(inputs, 8))


def tower_model():
    inputs = keras.Input((8,))
    tower = keras.Sequential([layers.Dense(8, activation="relu"), layers.Dense(8)])

    def residual(t):
        return tf.nn.relu(t + tower(t))

    return keras.Model(inputs, layers.Lambda(residual)(inputs))  # LD012: the Sequential is not tracked


def temperature_model():
    model = keras.Sequential()
    model.add(keras.Input((4,)))
    model.add(layers.Dense(3))
    model.temperature = 10
    model.add(layers.Lambda(lambda x: x / model.temperature))  # fine: a plain number on the model
    return model


def width_model():
    inputs = keras.Input((8,))
    proj = layers.Dense(4)
    x = proj(inputs)

    def rescale(t):
        return t / float(proj.units)

    return keras.Model(inputs, layers.Lambda(rescale)(x))  # fine: `proj.units` is an int; proj is called outside


def scaled_model(scale=0.5):
    inputs = keras.Input((8,))

    def shrink(t):
        return t * scale

    return keras.Model(inputs, layers.Lambda(shrink)(layers.Dense(8)(inputs)))  # fine: closes over a number
