"""A Dense-like layer whose kernel carries n extra rows of parameters for a NumPy post-processing function run through `tf.numpy_function`: no weight of the layer gets a gradient.

The reporter copied `Dense` and widened the kernel to `[input_dim + n, units]`: the last
`input_dim` rows do the matrix product, the first `n` rows are "extra parameters" fed to a
transform written in NumPy (too tedious to port to TensorFlow), which they call through
`tf.py_func` (today `tf.numpy_function`) on the output of the product before the activation. The
model compiled and then failed at fit with "None values not supported". A NumPy function called
through `py_func`/`numpy_function` has no gradient, so everything before it (the kernel, the
extra rows, the bias) is cut from the loss: on Keras 3 the layer's three weights are counted and
never trained.
"""

SOURCE = "https://github.com/keras-team/keras/issues/6163"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py a_pyfunc_dense_extra_params_transform.py:
as returned: Sequential, count_params() = 220, 4 weights, unbuilt: none
after call: count_params() = 220, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 4 trainable weights: ['sequential/dense/kernel', 'sequential/dense/bias', 'sequential/param_transform_dense/W', 'sequential/param_transform_dense/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'param_transform_dense': 76}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import keras
from keras import activations, initializers, layers


class ParamTransformDense(layers.Layer):
    """Dense whose kernel has `n_extra` leading rows used by `func` (NumPy) after the product."""

    def __init__(self, units, n_extra=2, activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.n = n_extra
        self.activation = activations.get(activation)
        self.use_bias = use_bias

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(name="W", shape=(input_dim + self.n, self.units),
                                 initializer=initializers.GlorotUniform())
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")

    def func(self, output, params):
        # the user's transform: a soft power law whose exponents are the extra rows
        a, b = params[0], params[1]
        return (np.sign(output) * np.abs(output) ** (1.0 + 0.1 * np.tanh(a)) + b).astype(np.float32)

    def call(self, inputs):
        output = tf.matmul(inputs, self.W[self.n:, :])
        if self.use_bias:
            output = tf.nn.bias_add(output, self.bias)
        output = tf.numpy_function(self.func, [output, self.W[: self.n, :]], tf.float32)  # TF1: tf.py_func
        output.set_shape((None, self.units))
        if self.activation is not None:
            output = self.activation(output)
        return output


def build_model():
    model = keras.Sequential([
        keras.Input(shape=(8,)),
        layers.Dense(16, activation="relu"),
        ParamTransformDense(4, n_extra=2, activation="softmax"),
    ])
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    return model
