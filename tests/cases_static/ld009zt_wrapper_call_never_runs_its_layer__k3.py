# LD009 no-gradient: a Wrapper subclass whose call() never runs the layer it wraps, which build() builds
import keras
from keras import layers, ops

CASE, TITLE = "LD009zt", "a Wrapper's call() computes with its own weights and never runs the wrapped layer (aeon)"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s38/probe/ld009zt.py): OwnKernelNorm's model has 4 trainable weights and
# the wrapped Dense's kernel and bias get a None gradient; ScaledWrapper (calls self.layer) has 3, none None.


class OwnKernelNorm(layers.Wrapper):
    def build(self, input_shape):
        super().build(input_shape)  # builds the wrapped Dense: its kernel and bias exist
        self.v = self.add_weight(shape=self.layer.kernel.shape, initializer="random_normal", name="v")
        self.g = self.add_weight(shape=(self.layer.units,), initializer="ones", name="g")

    def call(self, inputs):  # LD009
        kernel = self.g * self.v / ops.sqrt(ops.sum(ops.square(self.v), axis=0, keepdims=True))
        return ops.matmul(inputs, kernel)


class ScaledWrapper(layers.Wrapper):
    """Correct: call() runs the wrapped layer."""

    def build(self, input_shape):
        super().build(input_shape)
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

    def call(self, inputs):
        return self.scale * self.layer(inputs)


def make_own_kernel_norm():
    inputs = keras.Input((4,))
    return keras.Model(inputs, OwnKernelNorm(layers.Dense(3))(inputs))


def make_scaled_wrapper():
    inputs = keras.Input((4,))
    return keras.Model(inputs, ScaledWrapper(layers.Dense(3))(inputs))
