"""A Lambda whose function reaches a variable through the object it closes over (`self` of the
functional Model subclass that wires it, or the `self` of a bound method given as the function):
the variable is no weight of the model (not counted, not saved), yet every forward pass reads it:
LD012 (held-out 12's ImageColoring GAN, `Lambda(lambda x: K.dot(x, self.class_to_color))`).
Twins read a NumPy constant or a Python setting through self. test_runtime_lambda_reads_owner_variable.py
measures Keras first."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras import layers
from tensorflow.keras.models import Model


class ColourModel(Model):
    """The case's spelling: K.variable before super().__init__, a lambda closing over self."""

    def __init__(self):
        self.class_to_color = K.variable(np.random.default_rng(0).uniform(-1, 1, (5, 2)).astype("float32"))
        inputs = layers.Input((5,))
        out = layers.Lambda(lambda x: K.dot(x, self.class_to_color))(inputs)
        super().__init__(inputs, out)


class BoundMethodModel(Model):
    """A bound method as the function; it reads a tf.Variable stored on the model."""

    def __init__(self):
        self.palette = tf.Variable(np.random.default_rng(1).normal(size=(5, 3)).astype("float32"))
        inputs = layers.Input((5,))
        out = layers.Lambda(self._project)(inputs)
        super().__init__(inputs, out)

    def _project(self, x):
        return tf.matmul(x, self.palette)



class HelperHeldModel(Model):
    """The closure's object is a plain helper method's owner: a nested function reads it."""

    def __init__(self):
        self.scales = tf.Variable(np.linspace(0.1, 0.9, 5).astype("float32"))
        inputs = layers.Input((5,))
        out = layers.Lambda(self._scaler())(inputs)
        super().__init__(inputs, out)

    def _scaler(self):
        def scale(x):
            return x * self.scales
        return scale


class ConstantTableModel(Model):
    """Twin: the lambda reads a fixed NumPy table (a constant mapping, not meant to train)."""

    def __init__(self):
        self.table = np.random.default_rng(0).uniform(-1, 1, (5, 2)).astype("float32")
        inputs = layers.Input((5,))
        out = layers.Lambda(lambda x: tf.matmul(x, self.table), output_shape=(2,))(inputs)
        super().__init__(inputs, out)


class SettingModel(Model):
    """Twin: a bound method reading only a Python setting."""

    def __init__(self):
        self.factor = 2.0
        inputs = layers.Input((5,))
        out = layers.Lambda(self._times)(inputs)
        super().__init__(inputs, out)

    def _times(self, x):
        return x * self.factor


def colour_model():
    return ColourModel()


def bound_method_model():
    return BoundMethodModel()


def helper_held_model():
    return HelperHeldModel()


def constant_table_model():
    return ConstantTableModel()


def setting_model():
    return SettingModel()
