"""A layer that makes its weights by calling initializers (tensors, not variables) and lists them in
`self.trainable_weights = [...]` (held-out 9, DenseNet-Keras's Scale). Measured on Keras 3.15.1 + TF 2.21:
the assignment raises AttributeError "property 'trainable_weights' of 'Scale' object has no setter"; without
that line the layer builds and gamma/beta are tf.Tensors (0 params for the layer); the same assignment of
add_weight variables raises the same error, and add_weight alone builds with 2 * channels params."""

import keras
from keras import initializers, layers


class Scale(layers.Layer):
    def build(self, input_shape):
        shape = (int(input_shape[-1]),)
        self.gamma = initializers.get("ones")(shape)
        self.beta = initializers.get("zeros")(shape)
        self.trainable_weights = [self.gamma, self.beta]

    def call(self, x):
        return x * self.gamma + self.beta


class ListedVariables(layers.Layer):
    def build(self, input_shape):
        shape = (int(input_shape[-1]),)
        self.gamma = self.add_weight(shape=shape, initializer="ones")
        self.beta = self.add_weight(shape=shape, initializer="zeros")
        self.trainable_weights = [self.gamma, self.beta]

    def call(self, x):
        return x * self.gamma + self.beta


class FixedScale(layers.Layer):
    def build(self, input_shape):
        shape = (int(input_shape[-1]),)
        self.gamma = self.add_weight(shape=shape, initializer="ones")
        self.beta = self.add_weight(shape=shape, initializer="zeros")

    def call(self, x):
        return x * self.gamma + self.beta


def _model(cls):
    inputs = keras.Input((6,))
    return keras.Model(inputs, layers.Dense(2)(cls()(inputs)))


def tensors_listed():
    return _model(Scale)


def variables_listed():
    return _model(ListedVariables)


def fixed():
    return _model(FixedScale)
