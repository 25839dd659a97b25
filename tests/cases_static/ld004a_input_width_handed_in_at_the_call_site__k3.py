# LD004 fixed-input-dim-in-init: the weight's size is a constructor argument with a neutral name
# (`size`, `units`, `n`), and the call site hands it the input's width (`Gate(size=self.in_dim)`,
# `Scale(n_inputs)`, `Offset(num_features)`): the layer is sized by hand for that input.
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/lead28/measure_ld004a.py on this file):
# every make_* returns a model that builds and trains (all weights tracked, no None gradient); the layer
# class rebuilt from its config and called on 3 more features raises InvalidArgumentError for Gate, Offset
# and Mix (sized by hand for the input). Twins: LateGate (sized in build) accepts any width; ClassBias is
# sized by its argument too, but the argument is the class count the layer is made for (what the Dense
# before it produces), not a copy of the input's width: nothing passes an input size by hand.
import keras
import tensorflow as tf


class Gate(keras.layers.Layer):
    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.threshold = self.add_weight(name="threshold", shape=[1, size], initializer="zeros")  # LD004

    def call(self, x):
        return tf.nn.sigmoid(x - self.threshold)


class Offset(keras.layers.Layer):
    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        self.shift = self.add_weight(shape=(n,), initializer="zeros", name="shift")  # LD004

    def call(self, x):
        return x + self.shift


class Mix(keras.layers.Layer):
    def __init__(self, width, units, **kwargs):
        super().__init__(**kwargs)
        self.kernel = self.add_weight(shape=(width, units), initializer="glorot_uniform")  # LD004

    def call(self, x):
        return tf.matmul(x, self.kernel)


class Screen:
    def __init__(self, in_dim, classes):
        self.in_dim = in_dim
        inputs = keras.Input((in_dim,))
        h = Gate(size=self.in_dim)(inputs)
        self.model = keras.Model(inputs, keras.layers.Dense(classes)(h))


def make_gate():
    return Screen(12, 3).model


def make_offset(num_features=6):
    inputs = keras.Input((num_features,))
    return keras.Model(inputs, Offset(num_features)(inputs))


def make_mix(n_inputs=5):
    inputs = keras.Input((n_inputs,))
    return keras.Model(inputs, Mix(n_inputs, 4)(inputs))


# Twins: the same shapes where the argument is not the input's width, or the weight waits for build().
class ClassBias(keras.layers.Layer):
    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.bias = self.add_weight(shape=(1, size), initializer="zeros")

    def call(self, logits):
        return logits + self.bias


class LateGate(keras.layers.Layer):
    def __init__(self, size=None, **kwargs):
        super().__init__(**kwargs)
        self.size = size

    def build(self, input_shape):
        self.threshold = self.add_weight(shape=(1, input_shape[-1]), initializer="zeros")

    def call(self, x):
        return tf.nn.sigmoid(x - self.threshold)


def make_class_bias(num_classes=3, input_dim=7):
    inputs = keras.Input((input_dim,))
    logits = keras.layers.Dense(num_classes)(inputs)
    return keras.Model(inputs, ClassBias(num_classes)(logits))


def make_late_gate(in_dim=9):
    inputs = keras.Input((in_dim,))
    return keras.Model(inputs, LateGate(size=in_dim)(inputs))
