# LD010 variable-shadowed: a method the user calls (not __init__, build() or call()) rebinds a weight to a tensor
# derived from it: illia's Bayesian `Linear.freeze()` (`self.w = tf.stop_gradient(self.w)`, held-out 42) and a
# LoRA-style merge; look-alikes update the variable in place or keep the copy under another name
import numpy as np
import keras
from keras import ops

CASE, TITLE = "LD010zc", "a weight rebound by a method Keras never runs"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s42/probe/probe_ld010zc.py): after Frozen.freeze() and
# MergedLoRA.merge(), `w`/`kernel` hold tensors (not variables), no variable of the layer changed (the variables
# are what save_weights writes), and every trainable weight gets a None gradient; after InPlaceLoRA.merge() the
# kernel is still a variable, it changed, and it gets a gradient (a and b, which this call() never reads, get
# None on either class); Snapshot.export() and Scaled.double() leave `w` a variable with a gradient.


class Frozen(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 4), name="w")

    def freeze(self):
        self.w = ops.stop_gradient(self.w)  # LD010

    def call(self, x):
        return ops.matmul(x, self.w)


class MergedLoRA(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4), name="kernel")
        self.a = self.add_weight(shape=(input_shape[-1], 2), name="a")
        self.b = self.add_weight(shape=(2, 4), name="b")

    def merge(self):
        self.kernel = self.kernel + ops.matmul(self.a, self.b)  # LD010

    def call(self, x):
        return ops.matmul(x, self.kernel)


class InPlaceLoRA(MergedLoRA):
    def merge(self):
        self.kernel.assign(self.kernel + ops.matmul(self.a, self.b))


class Snapshot(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 4), name="w")

    def export(self):
        self.frozen_w = ops.stop_gradient(self.w)
        return self.frozen_w

    def call(self, x):
        return ops.matmul(x, self.w)


class Scaled(keras.layers.Layer):
    def __init__(self, scale=1.0):
        super().__init__()
        self.scale = scale

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 4), name="w")

    def double(self):
        self.scale = self.scale * 2

    def call(self, x):
        return ops.matmul(x, self.w) * self.scale


def build():
    x = np.ones((2, 3), "float32")
    layers = [Frozen(), MergedLoRA(), InPlaceLoRA(), Snapshot(), Scaled()]
    for layer in layers:
        layer(x)
    return layers
