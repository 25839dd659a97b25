"""Quantized Dense that rounds its kernel in call() with QKeras' `_round_through` straight-through trick.

A Q&A thread asks what `_round_through` in QKeras' `quantized_bits` does; the answer quotes it:
`x + tf.stop_gradient(-x + tf.round(x))` ("straight through estimator ... we assume df/dx = 1"). The asker's
own layer copies that helper into a small quantization-aware Dense: the kernel and bias are rounded to a
fixed-point grid inside `call()` with `round` and `stop_gradient` on the path. It looks like the classic
"kernel behind round()/stop_gradient gets no gradient" bug, but it is not: the forward value is the rounded
kernel while the gradient flows through the identity term `x`, so both weights get real gradients and
train.
"""

SOURCE = "https://example-a.com/answer/64801610"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okn_round_through_ste_quantized_dense.py:
as returned: Functional, count_params() = 676, 4 weights, unbuilt: none
after call: count_params() = 676, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'qdense_1': 544, 'qdense_2': 132}
second call: 0 variables watched that the first call did not use
(own check: gradients of sum(out**2) w.r.t. the 4 weights are all non-zero: |g| sums 207.9, 21.9, 64.0, 9.7.)"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def _round_through(x, use_stochastic_rounding=False, precision=0.5):
    """Rounds x but using straight through estimator (dL/dx := dL/dy)."""
    if use_stochastic_rounding:
        noise = tf.random.uniform(tf.shape(x), -precision, precision)
        return x + tf.stop_gradient(-x + tf.round(x + noise))
    return x + tf.stop_gradient(-x + tf.round(x))


class quantized_bits_lite(object):
    """Very small stand-in for qkeras.quantized_bits(bits, integer)."""

    def __init__(self, bits=8, integer=0, keep_negative=True):
        self.bits = bits
        self.integer = integer
        self.keep_negative = keep_negative

    def __call__(self, x):
        m = 2.0 ** (self.bits - self.integer - int(self.keep_negative))
        m_i = 2.0 ** self.integer
        p = x * m / m_i
        xq = m_i * tf.clip_by_value(_round_through(p), -m * int(self.keep_negative), m - 1) / m
        return xq


class QDenseLite(keras.layers.Layer):
    def __init__(self, units, kernel_quantizer=None, bias_quantizer=None, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel_quantizer = kernel_quantizer or quantized_bits_lite(6, 0)
        self.bias_quantizer = bias_quantizer or quantized_bits_lite(6, 0)
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.units),
                                      initializer="glorot_uniform", trainable=True)
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        qk = self.kernel_quantizer(self.kernel)
        qb = self.bias_quantizer(self.bias)
        return self.activation(tf.matmul(inputs, qk) + qb)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "activation": keras.activations.serialize(self.activation)})
        return config


def build_model():
    inputs = keras.Input(shape=(16,))
    x = QDenseLite(32, activation="relu", name="qdense_1")(inputs)
    x = QDenseLite(4, name="qdense_2")(x)
    return keras.Model(inputs, x)


if __name__ == "__main__":
    model = build_model()
    model.compile("adam", "mse")
    model.fit(np.random.rand(8, 16), np.random.rand(8, 4), epochs=1, verbose=0)
