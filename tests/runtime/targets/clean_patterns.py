"""Correct code that must get no error finding (false-positive guards)."""

import keras
from keras import ops


class AttentionWithScores(keras.layers.Layer):
    """Keeps the last attention scores for plotting: an activation, not a weight."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.query = keras.layers.Dense(units)
        self.key = keras.layers.Dense(units)
        self.seed_generator = keras.random.SeedGenerator(1)
        self.activation = keras.activations.get("relu")
        self.eps = 1e-6

    def call(self, inputs, training=False):
        scores = ops.softmax(ops.matmul(self.query(inputs), ops.transpose(self.key(inputs), (0, 2, 1))))
        self.last_scores = scores
        if training:
            scores = keras.random.dropout(scores, 0.1, seed=self.seed_generator)
        return self.activation(ops.matmul(scores, inputs)) + self.eps


class Stack(keras.layers.Layer):
    """Sublayers in a list and a dict: both tracked by Keras."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layers_list = [keras.layers.Dense(6), keras.layers.Dense(6)]
        self.by_name = {"out": keras.layers.Dense(6)}

    def call(self, inputs):
        for layer in self.layers_list:
            inputs = layer(inputs)
        return self.by_name["out"](inputs)


def build_model():
    inputs = keras.Input((5, 6))
    x = AttentionWithScores(8)(inputs)
    x = Stack()(x)
    x = keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True))(x)
    x = keras.layers.TimeDistributed(keras.layers.Dense(2))(x)
    return keras.Model(inputs, x)
