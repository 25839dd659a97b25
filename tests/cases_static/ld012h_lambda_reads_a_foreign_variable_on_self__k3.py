# LD012 lambda-captured-state: a Lambda made in a method reads a variable held on self that nothing tracks
"""A Lambda layer made in a method of a class reads `self.<attr>` holding a variable that no layer of the
model owns: a `tf.Variable` / `K.variable` on a Layer or Model subclass (Keras 3 tracks only
keras.Variable), or any variable or layer on a plain builder class. The model reads it on every call
but does not count, train or save it. Twins: a keras.Variable or a layer set on a Model subclass (its
__setattr__ tracks them), and plain numbers on self.

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; weights of the model, and the variables a
GradientTape watched over model(x); /tmp/fix12a/measure_ld012h.py):
  make_hooked_palette:  only the Dense's 2 weights (20 params); watched 'Variable:0'
                        (the K.variable palette, 4x2) that the model does not own
  make_method_function: Dense 2 weights only (10 params); watched 'shift:0' (the tf.Variable, untracked)
  make_builder_table:   0 weights, 0 params; watched 'Variable:0' (tf.Variable on a plain builder)
  make_nested_def:      0 weights, 0 params; watched 'rotation:0' (keras.Variable on a plain builder)
  make_owned_variable:  1 weight 'table' (8 params), tracked by the Model subclass (twin)
  make_owned_layer:     2 weights (kernel, bias; 10 params) of the Dense that the Layer subclass
                        holds on self and its Lambda calls: tracked (twin)
  make_config_scale:    0 weights, nothing watched (twin)
"""
import numpy as np
import keras
import tensorflow as tf
from keras import layers, ops
from tensorflow.keras import backend as K

CASE, TITLE = "LD012h", "a Lambda in a method reads a variable on self that no layer tracks"
PALETTE = np.linspace(-1.0, 1.0, 8).reshape(4, 2).astype("float32")


class PaletteNet(keras.Model):
    def __init__(self, **kwargs):
        pixels = keras.Input((4,))
        colours = self.to_colours(layers.Dense(4, activation="softmax")(pixels))
        super().__init__(inputs=pixels, outputs=colours, **kwargs)

    def to_colours(self, probs):
        return probs


class HookedPaletteNet(PaletteNet):
    def __init__(self, palette, **kwargs):
        self.palette = K.variable(palette)  # LD003
        super().__init__(**kwargs)

    def to_colours(self, probs):
        return layers.Lambda(lambda p: K.dot(p, self.palette))(probs)  # LD012


def make_hooked_palette():
    return HookedPaletteNet(PALETTE)


class ShiftedNet(keras.Model):
    def __init__(self):
        self.shift = tf.Variable(tf.zeros((2,)), name="shift")  # LD003
        inputs = keras.Input((4,))
        h = layers.Dense(2)(inputs)
        super().__init__(inputs, layers.Lambda(self._add_shift)(h))  # LD012

    def _add_shift(self, t):
        return t + self.shift


def make_method_function():
    return ShiftedNet()


class TableModelBuilder:
    def __init__(self):
        self.table = tf.Variable(PALETTE)

    def build(self):
        inputs = keras.Input((4,))
        return keras.Model(inputs, layers.Lambda(lambda t: ops.matmul(t, self.table))(inputs))  # LD012


def make_builder_table():
    return TableModelBuilder().build()


class RotationBuilder:
    def __init__(self):
        self.rotation = keras.Variable(PALETTE, name="rotation")

    def make(self):
        def rotate(t):
            return ops.matmul(t, self.rotation)

        inputs = keras.Input((4,))
        return keras.Model(inputs, layers.Lambda(rotate)(inputs))  # LD012


def make_nested_def():
    return RotationBuilder().make()


# ---- correct twins ----------------------------------------------------------------------------

class OwnedTableNet(keras.Model):
    def __init__(self):
        self.table = keras.Variable(PALETTE, name="table")
        inputs = keras.Input((4,))
        super().__init__(inputs, layers.Lambda(lambda t: ops.matmul(t, self.table))(inputs))


def make_owned_variable():
    return OwnedTableNet()


class ProjectHead(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(2)
        self.apply_proj = layers.Lambda(lambda t: self.proj(t))

    def call(self, x):
        return self.apply_proj(x)


def make_owned_layer():
    inputs = keras.Input((4,))
    return keras.Model(inputs, ProjectHead()(inputs))


class ScaledBuilder:
    def __init__(self, scale=0.5):
        self.scale = scale
        self.activation = "tanh"

    def build(self):
        inputs = keras.Input((4,))
        act = layers.Lambda(lambda t: keras.activations.get(self.activation)(t * self.scale))(inputs)
        return keras.Model(inputs, act)


def make_config_scale():
    return ScaledBuilder().build()
