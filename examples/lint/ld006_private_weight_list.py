"""LD006 private-weight-list: weights registered by hand in a private list or a property.

Old tf.keras 2 recipes. On Keras 3 both layers raise AttributeError while building
(`_trainable_weights` does not exist, `trainable_weights` is read-only); the lines were never
needed, since the sublayers' weights are tracked through the attributes.
"""

import keras
from keras import ops


class Residual(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Dense(units)

    def build(self, input_shape):
        self.inner.build(input_shape)
        self._trainable_weights.extend(self.inner.trainable_weights)  # LD006

    def call(self, inputs):
        return inputs + self.inner(inputs)


class GatedDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units)
        self.gate = keras.layers.Dense(units, activation="sigmoid")

    def build(self, input_shape):
        self.dense.build(input_shape)
        self.gate.build(input_shape)
        self.trainable_weights = self.dense.trainable_weights + self.gate.trainable_weights  # LD006

    def call(self, inputs):
        return ops.multiply(self.dense(inputs), self.gate(inputs))


def build_model():
    inputs = keras.Input((4,))
    hidden = Residual(4)(inputs)
    outputs = GatedDense(3)(hidden)
    return keras.Model(inputs, outputs)
