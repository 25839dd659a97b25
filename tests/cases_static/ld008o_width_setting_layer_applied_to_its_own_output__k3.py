# LD008 incompatible-reuse: a Dense/Conv applied again to its own output while the first input's width is not in the code
"""`x = self.dense(inputs); x = self.dense(x)`: the shared layer's weights are sized on its first call for
the input's last axis, and the second call feeds it the width the layer itself sets. It works only when
the input already has that width, which the code does not show: a warning, since tying the weights of two
applications is legitimate when the widths agree (mathieudpnt/Ketos's docstring MLP: `Dense(n_neurons)`
applied twice to a 20-wide input). The twins feed the shared layer the output of a sublayer whose width is
set by the same expression (`Dense(n_neurons)` twice), apply it to two separate inputs (LD007 only), or
share a layer that keeps the width (LayerNormalization).

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; each make_* model called on its batch):
  make_mlp:        ValueError: Input 0 of layer 'dense' is incompatible with the layer: expected axis -1 of
                   input shape to have value 20, but received input with shape (2, 64)
  make_refine:     ValueError: Input 0 of layer 'conv2d' ... expected axis -1 of input shape to have value 3,
                   but received input with shape (2, 8, 8, 32)
  make_projected:  runs, 5504 params: [(20, 64), (64,), (64, 64), (64,)] (twin)
  make_two_views:  runs, 96 params, one (5, 16) kernel for both views (twin, LD007 only)
  make_smooth:     runs, 12 params, one LayerNormalization applied twice (twin)
"""
import keras
import numpy as np
from keras import layers


class MLP(keras.Model):
    def __init__(self, n_neurons, activation="relu"):
        super().__init__()
        self.dense = layers.Dense(n_neurons, activation=activation)
        self.final_node = layers.Dense(1)

    def call(self, inputs):
        output = self.dense(inputs)
        output = self.dense(output)  # LD008
        return self.final_node(output)


class Refine(layers.Layer):
    def __init__(self, filters=32, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(filters, 3, padding="same", activation="relu")

    def call(self, images):
        return self.conv(self.conv(images))  # LD008


class ProjectedMLP(keras.Model):
    def __init__(self, n_neurons):
        super().__init__()
        self.proj = layers.Dense(n_neurons)
        self.dense = layers.Dense(n_neurons, activation="relu")

    def call(self, inputs):
        hidden = self.proj(inputs)
        hidden = self.dense(hidden)
        return self.dense(hidden)


class TwoViews(keras.Model):
    def __init__(self, n_neurons):
        super().__init__()
        self.dense = layers.Dense(n_neurons)

    def call(self, inputs):
        left, right = inputs
        return self.dense(left) + self.dense(right)


class Smooth(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.norm = layers.LayerNormalization()

    def call(self, x):
        return self.norm(self.norm(x))


def make_mlp():
    return MLP(64), np.zeros((2, 20), "float32")


def make_refine():
    return Refine(), np.zeros((2, 8, 8, 3), "float32")


def make_projected():
    return ProjectedMLP(64), np.zeros((2, 20), "float32")


def make_two_views():
    return TwoViews(16), [np.zeros((2, 5), "float32"), np.zeros((2, 5), "float32")]


def make_smooth():
    return Smooth(), np.zeros((2, 6), "float32")
