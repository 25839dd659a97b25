# LD006 private-weight-list: a Keras 3 layer reads self._trainable_weights / self._non_trainable_weights (a tf.keras 2 private list)
import keras
from keras import layers, ops

CASE, TITLE = "LD006h", "a Keras 3 layer reads tf.keras 2's private weight lists: AttributeError where they are read"

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), each make_* below built and called on
# ones((2, 4)), then the property/method read: every marked line raises AttributeError "'<Class>' object
# has no attribute '_trainable_weights'" (or '_non_trainable_weights') when it runs. Keras 3 layers keep
# `_trainable_variables` instead; the wrapper's public `trainable_weights` (the tracker's) still works
# for the model. Twins: the public properties and Keras 3's own private list, read the same way, work.


class ScaledWrapper(layers.Wrapper):
    """A property override, as tfmot's clustering wrapper wrote it. MEASURED: reading raises."""

    def build(self, input_shape):
        super().build(input_shape)
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

    def call(self, inputs):
        return self.layer(inputs) * self.scale

    @property
    def trainable_weights(self):
        return self.layer.trainable_weights + self._trainable_weights  # LD006

    @property
    def non_trainable_weights(self):
        return self.layer.non_trainable_weights + self._non_trainable_weights  # LD006


class CountingDense(layers.Dense):
    """A helper that counts the layer's own weights. MEASURED: raises when called."""

    def own_weight_count(self):
        return len(self._trainable_weights)  # LD006


class FrozenAware(keras.layers.Layer):
    """build() reads the list to freeze. MEASURED: raises in build()."""

    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units)

    def build(self, input_shape):
        self.dense.build(input_shape)
        for weight in self._non_trainable_weights:  # LD006
            weight.trainable = False

    def call(self, inputs):
        return self.dense(inputs)


class PublicWrapper(layers.Wrapper):
    """Twin: the public lists. MEASURED: reads fine, 3 trainable weights."""

    def build(self, input_shape):
        super().build(input_shape)
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

    def call(self, inputs):
        return self.layer(inputs) * self.scale

    def weight_report(self):
        return [w.path for w in self.trainable_weights + self.non_trainable_weights]


class OwnVariables(keras.layers.Layer):
    """Twin: Keras 3's own private list (`_trainable_variables`). MEASURED: reads fine."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 2))

    def call(self, inputs):
        return ops.matmul(inputs, self.w)

    def own_count(self):
        return len(self._trainable_variables)


def make_scaled_wrapper():
    return ScaledWrapper(layers.Dense(2))


def make_counting_dense():
    return CountingDense(2)


def make_frozen_aware():
    return FrozenAware()


def make_public_wrapper():
    return PublicWrapper(layers.Dense(2))


def make_own_variables():
    return OwnVariables()
