# LD008 incompatible-reuse: a layer default argument, shared by every instance, fed a different width by each
"""`def __init__(self, filters=16, norm=BatchNormalization())`: the default layer is made once, so every
instance shares it; it is built for the width the first instance feeds it, and an instance made with another
width (`Branch(filters=32)`) then fails inside it (the google-research/leaf-audio PCEN default with 40 and 64
filters). Reported where the widths are visible: the class is made in the file with different literal values
of the argument that sets the width of the sublayer whose output reaches the shared default. The twins make
the instances with the same width, feed the default the block's own input, put a fixed-width layer in
between, or take None as the default.

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; each make_* model built; /tmp/fix19b/measure_h.py):
  make_branches:    ValueError while wiring: the shared BatchNormalization "expected axis -1 of input shape to have
                    value 16, but received input with shape (None, 10, 32)" (Branch(filters=16), Branch(filters=32))
  make_towers:      ValueError: the shared Dense(1) "expected axis -1 ... value 8, but received ... (None, 12)"
  make_blocks:      ValueError: "Dimensions must be equal, but are 12 and 8 for '{{node scale_1/mul}}'" (custom Scale)
  make_same_width:  builds, 352 params; LayerNormalization shared (twin: both instances filters=16, LD007 only)
  make_input_norm:  builds, 130 params; the shared norm sees the block's input, 5 wide in both (twin)
  make_bottleneck:  builds, 252 params; Dense(4) in between fixes the width the shared Scale sees (twin)
  make_fresh_heads: builds, 170 params, nothing shared (twin: None default)
"""
import keras
from keras import layers, ops


class Scale(layers.Layer):
    def build(self, input_shape):
        self.s = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="s")

    def call(self, x):
        return x * self.s


class Branch(layers.Layer):
    def __init__(self, filters=16, norm=layers.BatchNormalization(), **kwargs):  # LD008
        super().__init__(**kwargs)
        self.conv = layers.Conv1D(filters, 3, padding="same")
        self.norm = norm

    def call(self, x):
        h = self.conv(x)
        return self.norm(h)


class Tower(keras.Model):
    def __init__(self, width, head=layers.Dense(1)):  # LD008
        super().__init__()
        self.body = layers.Dense(width)
        self.head = head

    def call(self, x):
        hidden = ops.relu(self.body(x))
        return self.head(hidden)


class Block(layers.Layer):
    def __init__(self,
                 n_units=4,
                 scale=Scale(),  # LD008
                 ):
        super().__init__()
        self.dense = layers.Dense(units=n_units * 2)
        self._scale = scale if scale else None

    def call(self, x):
        out = self.dense(x)
        out = ops.tanh(out)
        out = self._scale(out)
        return out


class SameWidthBranch(layers.Layer):
    def __init__(self, filters=16, norm=layers.LayerNormalization()):
        super().__init__()
        self.conv = layers.Conv1D(filters, 3, padding="same")
        self.norm = norm

    def call(self, x):
        return self.norm(self.conv(x))


class InputNorm(layers.Layer):
    def __init__(self, units=8, norm=layers.LayerNormalization()):
        super().__init__()
        self.proj = layers.Dense(units)
        self.norm = norm

    def call(self, x):
        return self.proj(self.norm(x))


class Bottleneck(layers.Layer):
    def __init__(self, width=8, head=Scale()):
        super().__init__()
        self.wide = layers.Dense(width)
        self.squeeze = layers.Dense(4)
        self.head = head

    def call(self, x):
        return self.head(self.squeeze(self.wide(x)))


class FreshHead(layers.Layer):
    def __init__(self, width=8, head=None):
        super().__init__()
        self.body = layers.Dense(width)
        self.head = head if head is not None else layers.Dense(1)

    def call(self, x):
        return self.head(self.body(x))


def make_branches():
    x = keras.Input((10, 3))
    return keras.Model(x, layers.Concatenate()([Branch(filters=16)(x), Branch(filters=32)(x)]))


def make_towers():
    x = keras.Input((5,))
    return keras.Model(x, layers.Add()([Tower(8)(x), Tower(12)(x)]))


def make_blocks():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([Block()(x), Block(n_units=6)(x)]))


def make_same_width():
    x = keras.Input((10, 3))
    return keras.Model(x, layers.Concatenate()([SameWidthBranch(filters=16)(x), SameWidthBranch(filters=16)(x)]))


def make_input_norm():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([InputNorm(units=8)(x), InputNorm(units=12)(x)]))


def make_bottleneck():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([Bottleneck(width=8)(x), Bottleneck(width=16)(x)]))


def make_fresh_heads():
    x = keras.Input((5,))
    return keras.Model(x, layers.Add()([FreshHead(width=8)(x), FreshHead(width=16)(x)]))
