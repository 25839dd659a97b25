"""Subclassed models without a build() of their own, built with `model.build(shape)` (Keras 3 runs
no call(): it warns and marks the model built, its weighted sublayers stay unbuilt), whose call()
also fails on data. Twins: call() fixed (then built by build(shape), or by a call on data), a
model with its own build() whose call() fails, and a broken model nobody marked built."""

import keras
from keras import layers, ops


class Shift(layers.Layer):
    """Takes the frame count as a keyword; passed positionally, Keras 3 refuses it."""

    def call(self, x, frames=2):
        return ops.roll(x, shift=1, axis=0) * 0 + x if frames else x


class PositionalExtra(keras.Model):
    def __init__(self):
        super().__init__()
        self.frames = 4
        self.shift = Shift()
        self.dense = layers.Dense(3)
        self.out = layers.Dense(1)

    def call(self, x):
        x = self.shift(x, self.frames)  # an int passed positionally: Keras 3 raises
        return self.out(self.dense(x))


class KeywordExtra(PositionalExtra):
    def call(self, x):
        x = self.shift(x, frames=self.frames)
        return self.out(self.dense(x))


class MissingBackendFunction(keras.Model):
    """call() uses a keras.backend function Keras 3 no longer has."""

    def __init__(self):
        super().__init__()
        self.conv = layers.Conv1D(4, 3, padding="same")
        self.norm = layers.LayerNormalization()

    def call(self, x):
        x = self.conv(x)
        return self.norm(x / keras.backend.sum(x))


class Block(layers.Layer):
    """No build() of its own: its Dense is built when call() runs."""

    def __init__(self):
        super().__init__()
        self.proj = layers.Dense(8)

    def call(self, x):
        return self.proj(x)


class NestedBlockFails(keras.Model):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.head = layers.Dense(2)

    def call(self, x):
        return self.head(self.block(x), training=None, mask=None, scale=2)  # Dense takes no `scale`


def positional_extra():
    model = PositionalExtra()
    model.build((None, 6))
    return model


def keyword_extra():
    model = KeywordExtra()
    model.build((None, 6))
    return model


def missing_backend_function():
    model = MissingBackendFunction()
    model.build((None, 10, 3))
    return model


def nested_block_fails():
    model = NestedBlockFails()
    model.build((None, 5))
    return model


def keyword_extra_called_on_data():
    model = KeywordExtra()
    model(keras.ops.zeros((2, 6)))
    return model


class OwnBuildFails(PositionalExtra):
    """build() builds every weighted sublayer; call() still passes an int positionally."""

    def build(self, input_shape):
        self.dense.build(input_shape)
        self.out.build((*input_shape[:-1], 3))


def own_build_call_fails():
    model = OwnBuildFails()
    model.build((None, 6))
    return model


def positional_extra_never_built():
    """The same broken call(), but nothing marked the model built: a plain failure, no LD005."""
    return PositionalExtra(), keras.ops.zeros((2, 6))
