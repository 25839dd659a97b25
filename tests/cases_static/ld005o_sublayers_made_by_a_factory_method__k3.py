# LD005 unbuilt-sublayer: sublayers made by a factory method of the class (`self._conv(64)`, called several times), left unbuilt
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow; each make_* called, then a GradientTape step):
#   ConvStack: after model(x) 4 weights; conv3 (the third Conv2D from _conv) stays unbuilt, no weights.
#   Tower: after model.build((None, 6)) count_params() == 0, 0 weights, both factory-made Sequential blocks and
#     their Dense/LayerNormalization unbuilt (a summary() here shows nothing); 8 weights only once called on data.
#   Projection: after a call 3 weights (gate kernel+bias, proj kernel); the first Dense _dense() made for
#     self.proj stays tracked, unbuilt, with no weights.
#   Twins: SharedHead 2 weights, nothing unbuilt (the helper returns self.head itself); Regularized 4 weights,
#     the two unused Dropouts own no weights; CalledTower 8 weights, nothing unbuilt (called on data). No None
#     gradients anywhere. (Before this family, lint read `self._conv(8)` as an unknown value: none reported.)
import keras
import numpy as np
from keras import layers

CASE, TITLE = "LD005n", "sublayers made by a helper method the class calls several times, left unbuilt"
FEATURES = 6


class ConvStack(keras.Model):
    """A factory method for each convolution; one of the three is never called."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = self._conv(8)
        self.conv2 = self._conv(8)
        self.conv3 = self._conv(16)  # LD005
        self.pool = layers.GlobalAveragePooling2D()

    def _conv(self, filters):
        return layers.Conv2D(filters, 3, padding="same", activation="relu")

    def call(self, inputs):
        return self.pool(self.conv2(self.conv1(inputs)))


class Tower(keras.Model):
    """A factory that returns a Sequential block (through a local name), and an explicit build()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block_a = self.make_block(16)
        self.block_b = self.make_block(FEATURES)

    def make_block(self, units):
        block = keras.Sequential([layers.Dense(units, activation="relu"), layers.LayerNormalization()])
        return block

    def call(self, inputs):
        return self.block_b(self.block_a(inputs))


class Projection(layers.Layer):
    """In build(): the first projection a factory makes is replaced before anything uses it."""

    def build(self, input_shape):
        self.proj = self._dense(FEATURES)  # LD005
        self.gate = self._dense(FEATURES, activation="sigmoid")
        self.proj = self._dense(FEATURES, use_bias=False)

    def _dense(self, units, **options):
        return layers.Dense(units, **options)

    def call(self, inputs):
        return self.proj(inputs) * self.gate(inputs)


class SharedHead(keras.Model):
    """Correct: the helper hands back one layer the class already holds (the same Dense every time)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.head = layers.Dense(FEATURES)
        self.left = self._shared()
        self.right = self._shared()

    def _shared(self):
        return self.head

    def call(self, inputs):
        return self.head(inputs)


class Regularized(keras.Model):
    """Correct: the unused helper-made layer has no weights (Dropout), the others are called."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense1 = self._dense(16)
        self.dense2 = self._dense(FEATURES)
        self.drop_a = self._drop()
        self.drop_b = self._drop()

    def _dense(self, units):
        return layers.Dense(units, activation="relu")

    def _drop(self):
        return layers.Dropout(0.1)

    def call(self, inputs):
        return self.dense2(self.dense1(inputs))


class CalledTower(keras.Model):
    """Correct: the same factory-made Sequential blocks, built by a call on data (not by build())."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block_a = self.make_block(16)
        self.block_b = self.make_block(FEATURES)

    def make_block(self, units):
        return keras.Sequential([layers.Dense(units, activation="relu"), layers.LayerNormalization()])

    def call(self, inputs):
        return self.block_b(self.block_a(inputs))


def make_conv_stack():
    model = ConvStack()
    return model, np.zeros((2, 8, 8, 3), "float32")


def make_tower():
    model = Tower()
    model.build((None, FEATURES))  # LD005
    return model, np.zeros((2, FEATURES), "float32")


def make_projection():
    return Projection(), np.zeros((2, FEATURES), "float32")


def make_shared_head():
    return SharedHead(), np.zeros((2, FEATURES), "float32")


def make_regularized():
    return Regularized(), np.zeros((2, FEATURES), "float32")


def make_called_tower():
    model = CalledTower()
    model(np.zeros((2, FEATURES), "float32"))
    return model, np.zeros((2, FEATURES), "float32")
