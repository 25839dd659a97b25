"""Wrappers that override the `trainable_weights` / `non_trainable_weights` properties (held-out 9, tfmot's
ClusterWeights). Measured on Keras 3.15.1 + TF 2.21: `self.layer.trainable_weights + self._trainable_weights`
raises AttributeError "'Centroids' object has no attribute '_trainable_weights'" whenever
`layer.trainable_weights` is read directly (the model's own trainable_weights, summary() and fit() still run:
Keras collects the weights through its tracker); the twin that adds its own weights by name reads fine."""

import keras
from keras import ops


class Centroids(keras.layers.Wrapper):
    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self.scale = self.add_weight(name="scale", shape=(), initializer="ones")
        self.counts = self.add_weight(name="counts", shape=(), initializer="zeros", trainable=False)
        self.built = True

    def call(self, inputs):
        return self.layer(inputs) * self.scale

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    @property
    def trainable_weights(self):
        return self.layer.trainable_weights + self._trainable_weights

    @property
    def non_trainable_weights(self):
        return self.layer.non_trainable_weights + self._non_trainable_weights


class FixedCentroids(Centroids):
    @property
    def trainable_weights(self):
        return self.layer.trainable_weights + [self.scale]

    @property
    def non_trainable_weights(self):
        return self.layer.non_trainable_weights + [self.counts]


def _model(wrapper):
    inputs = keras.Input((6,))
    x = wrapper(keras.layers.Dense(4))(inputs)
    return keras.Model(inputs, keras.layers.Dense(2)(ops.relu(x)))


def private_lists():
    return _model(Centroids)


def fixed():
    return _model(FixedCentroids)
