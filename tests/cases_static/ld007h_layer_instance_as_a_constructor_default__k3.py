# LD007 shared-layer: a layer instance as the default value of a constructor parameter, shared by every instance
"""`def __init__(self, ..., norm=LayerNormalization())`: Python evaluates a default once, when the `def` runs,
so every instance made without the argument stores the same layer object and shares its weights (the
google-research/leaf-audio PCEN default). The twins make a new layer per instance (a `None` default, a layer
class or a factory as the default), take a weightless layer as the default, or share a layer on purpose by
passing it at the call site.

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; each make_* model built, count_params() of the
model and of each instance, and the variables two instances hold; /tmp/fix19b/measure_h.py):
  make_encoders:  112 params, each Encoder 64: layer_normalization gamma/beta held by both (shared)
  make_heads:     24 params, each Head 24: the default Dense(4) kernel/bias held by both (shared)
  make_gated:     78 params, each GatedBlock 42: the default Gate's w held by both (shared)
  make_fresh:     128 = 2 x 64, nothing shared (twin: None default, a new layer per instance)
  make_from_class: 144 = 2 x 72, nothing shared (twin: a layer class and a factory lambda as defaults)
  make_weightless: 96 = 2 x 48, no shared variable (twin: the default ReLU() has no weights)
  make_shared_on_purpose: 112, the LayerNormalization passed to both is shared (twin: asked for at the call)
"""
import keras
from keras import layers
from keras.layers import Dense as D


class Gate(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

    def call(self, x):
        return x * keras.ops.sigmoid(self.w)


class Encoder(layers.Layer):
    def __init__(self, units=8, norm=layers.LayerNormalization(), **kwargs):  # LD007
        super().__init__(**kwargs)
        self.proj = layers.Dense(units)
        self.norm = norm

    def call(self, x):
        return self.norm(self.proj(x))


class Head(keras.Model):
    def __init__(self,
                 dropout=0.1,
                 proj=D(4),  # LD007
                 **kwargs):
        super().__init__(**kwargs)
        self.drop = layers.Dropout(dropout)
        self.proj = proj or D(4)

    def call(self, x):
        return self.proj(self.drop(x))


class GatedBlock(layers.Layer):
    def __init__(self, width=6, gate=Gate()):  # LD007
        super().__init__()
        self.inner = layers.Dense(width)
        self._gate = gate if gate is not None else Gate()

    def call(self, x):
        return self._gate(self.inner(x))


class FreshNorm(layers.Layer):
    def __init__(self, units=8, norm=None, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(units)
        self.norm = norm if norm is not None else layers.LayerNormalization()

    def call(self, x):
        return self.norm(self.proj(x))


class NormFromClass(layers.Layer):
    def __init__(self, units=8, norm_cls=layers.LayerNormalization, make_gate=lambda: Gate()):
        super().__init__()
        self.proj = layers.Dense(units)
        self.norm = norm_cls()
        self.gate = make_gate()

    def call(self, x):
        return self.gate(self.norm(self.proj(x)))


class WeightlessDefault(layers.Layer):
    def __init__(self, units=8, act=layers.ReLU()):
        super().__init__()
        self.proj = layers.Dense(units)
        self.act = act

    def call(self, x):
        return self.act(self.proj(x))


def make_encoders():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([Encoder()(x), Encoder()(x)]))


def make_heads():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([Head()(x), Head(dropout=0.2)(x)]))


def make_gated():
    x = keras.Input((5,))
    return keras.Model(x, layers.Add()([GatedBlock()(x), GatedBlock()(x)]))


def make_fresh():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([FreshNorm()(x), FreshNorm()(x)]))


def make_from_class():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([NormFromClass()(x), NormFromClass()(x)]))


def make_weightless():
    x = keras.Input((5,))
    return keras.Model(x, layers.Concatenate()([WeightlessDefault()(x), WeightlessDefault()(x)]))


def make_shared_on_purpose():
    x = keras.Input((5,))
    tied = layers.LayerNormalization()
    return keras.Model(x, layers.Concatenate()([FreshNorm(norm=tied)(x), FreshNorm(norm=tied)(x)]))
