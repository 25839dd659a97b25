# LD003 foreign-variable: tf.Variables in a dict comprehension, and from a helper
import keras
import tensorflow as tf

CASE, TITLE = "LD003c", "tf.Variables made in a dict comprehension and returned by a helper"


class PerFeatureAffine(keras.layers.Layer):
    def __init__(self, names, **kwargs):
        super().__init__(**kwargs)
        self.names = list(names)

    def build(self, input_shape):
        self.scales = {  # LD003
            name: tf.Variable(tf.ones((input_shape[-1],)), name=f"scale_{name}") for name in self.names
        }
        self.offset = self._make_offset(input_shape[-1])  # LD003

    def _make_offset(self, dim):
        offset = tf.Variable(tf.zeros((dim,)), name="offset")
        return offset

    def call(self, inputs):
        out = inputs
        for name in self.names:
            out = out * self.scales[name]
        return out + self.offset


class PerFeatureAffineFixed(keras.layers.Layer):
    """The correct twin: add_weight in the same loop and helper; a dict of keras.Variables is tracked."""

    def __init__(self, names, **kwargs):
        super().__init__(**kwargs)
        self.names = list(names)

    def build(self, input_shape):
        self.scales = {}
        for name in self.names:
            self.scales[name] = self.add_weight(shape=(input_shape[-1],), initializer="ones", name=f"scale_{name}")
        self.offset = self._make_offset(input_shape[-1])

    def _make_offset(self, dim):
        return self.add_weight(shape=(dim,), initializer="zeros", name="offset")

    def call(self, inputs):
        out = inputs
        for name in self.names:
            out = out * self.scales[name]
        return out + self.offset


SHAPE = (4,)


def make():
    return PerFeatureAffine(["a", "b"])
