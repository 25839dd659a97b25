# LD009 no-gradient: a layer's call() sends its weighted result through tf.numpy_function (or tf.py_func): no gradient reaches the weights before it
import keras
import numpy as np
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD009n", "tf.numpy_function inside call(), downstream of the layer's weights"
FEATURES = 6


def _soft_power(values):
    return (np.sign(values) * np.abs(values) ** 1.1).astype(np.float32)


class NumpyTransformDense(layers.Layer):
    # MEASURED: None gradient for 2 of 2 weights (kernel, bias)
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4), name="kernel")  # LD009
        self.bias = self.add_weight(shape=(4,), initializer="zeros", name="bias")  # LD009

    def call(self, inputs):
        output = tf.matmul(inputs, self.kernel)
        output = tf.nn.bias_add(output, self.bias)
        output = tf.numpy_function(_soft_power, [output], tf.float32)
        output.set_shape((None, 4))
        return tf.nn.relu(output)


class ParamsIntoNumpy(layers.Layer):
    # MEASURED: None gradient for 1 of 1 weights (the scale fed to the NumPy function as a parameter)
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")  # LD009

    def call(self, inputs):
        scaled = tf.compat.v1.py_func(lambda x, s: (x * s).astype(np.float32), [inputs, self.scale], tf.float32)
        scaled.set_shape(inputs.shape)
        if self.trainable:
            scaled = scaled * 2.0
        return scaled


class PyFunctionTransform(layers.Layer):
    """Correct: tf.py_function records a gradient (the function runs eagerly on tensors).
    MEASURED: None gradient for 0 of 2 weights."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4), name="kernel")
        self.bias = self.add_weight(shape=(4,), initializer="zeros", name="bias")

    def call(self, inputs):
        output = tf.matmul(inputs, self.kernel) + self.bias
        output = tf.py_function(lambda t: t * 2.0, [output], tf.float32)
        output.set_shape((None, 4))
        return output


class NumpyOnTheSide(layers.Layer):
    """Correct: the NumPy function only makes a mask from the input; the weights reach the output
    directly. MEASURED: None gradient for 0 of 1 weights."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4), name="kernel")

    def call(self, inputs):
        mask = tf.numpy_function(lambda x: (x > 0.5).astype(np.float32), [inputs], tf.float32)
        mask.set_shape(inputs.shape)
        return tf.matmul(inputs * mask, self.kernel)


class NumpyAndResidual(layers.Layer):
    """Correct: the weighted value goes through NumPy and also reaches the output directly.
    MEASURED: None gradient for 0 of 1 weights."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4), name="kernel")

    def call(self, inputs):
        projected = tf.matmul(inputs, self.kernel)
        squashed = tf.numpy_function(_soft_power, [projected], tf.float32)
        squashed.set_shape((None, 4))
        return projected + squashed


def _stacked(layer):
    return keras.Sequential([keras.Input((FEATURES,)), layer])


def make_numpy_transform_dense():
    return _stacked(NumpyTransformDense())


def make_params_into_numpy():
    return _stacked(ParamsIntoNumpy())


def make_py_function_transform():
    return _stacked(PyFunctionTransform())


def make_numpy_on_the_side():
    return _stacked(NumpyOnTheSide())


def make_numpy_and_residual():
    return _stacked(NumpyAndResidual())
