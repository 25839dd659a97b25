"""QKeras-style QDense: the kernel is rounded in call(), but through a straight-through estimator.

QKeras quantizers are plain Python objects (`quantized_bits(bits, integer, ...)`) whose `__call__`
clips and rounds a tensor and returns `x + stop_gradient(-x + q)` (the `_round_through` trick).
`QDense` subclasses `Dense`, resolves the quantizer from a string or object in `__init__`, and in
`call()` computes `quantized_kernel = self.kernel_quantizer_internal(self.kernel)` before the matmul.
It looks like a kernel that only reaches the output through `round` (no gradient) or that is replaced
by a derived tensor, but the forward pass uses the rounded values while the gradient is passed
straight through to the float kernel, which stays the tracked, trained weight; the quantizer object
holds no variables.
"""

SOURCE = "https://github.com/google/qkeras/blob/master/qkeras/quantizers.py"
CODES = ()
CORRECT = True
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okk_qkeras_qdense_ste_round.py:
as returned: Functional, count_params() = 1157, 6 weights, unbuilt: none
after call: count_params() = 1157, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fc1': 544, 'fc2': 528, 'output': 85}
second call: 0 variables watched that the first call did not use
Own check (loss = sum of class-0 probability, since mean(softmax) is constant): every kernel and bias gets a non-zero gradient (sum|g| fc1/kernel 15.1, fc2/kernel 8.9, output/kernel 6.6)."""

import numpy as np
import tensorflow as tf
import keras


def _round_through(x, use_stochastic_rounding=False, precision=0.5):
    """Rounds x but using straight through estimator."""
    if use_stochastic_rounding:
        output = tf.floor(x + tf.random.uniform(tf.shape(x), -precision, precision) + 0.5)
    else:
        output = tf.round(x)
    return x + tf.stop_gradient(-x + output)


class BaseQuantizer(object):
    """Base quantizer: holds the configuration only."""

    def __init__(self):
        self.built = False

    def build(self, var_name=None, use_variables=False):
        self.built = True

    def _set_trainable_parameter(self):
        pass


class quantized_bits(BaseQuantizer):
    """Linear quantization with fixed number of bits (symmetric, no scale learning)."""

    def __init__(self, bits=8, integer=0, symmetric=0, keep_negative=True, alpha=None,
                 use_stochastic_rounding=False):
        super().__init__()
        self.bits = bits
        self.integer = integer
        self.symmetric = symmetric
        self.keep_negative = keep_negative
        self.alpha = alpha
        self.use_stochastic_rounding = use_stochastic_rounding

    def __call__(self, x):
        x = tf.convert_to_tensor(x)
        unsigned_bits = self.bits - self.keep_negative
        m = 2 ** unsigned_bits
        m_i = 2 ** self.integer
        p = x * m / m_i
        xq = m_i * tf.clip_by_value(
            _round_through(p, self.use_stochastic_rounding, precision=1.0),
            self.keep_negative * (-m + self.symmetric), m - 1) / m
        return xq

    def max(self):
        return 2 ** self.integer

    def get_config(self):
        return {"bits": self.bits, "integer": self.integer, "symmetric": self.symmetric,
                "keep_negative": self.keep_negative, "alpha": self.alpha}

    def __str__(self):
        return "quantized_bits({},{},{})".format(self.bits, self.integer, self.symmetric)


def get_quantizer(identifier):
    if identifier is None:
        return None
    if isinstance(identifier, str):
        return eval(identifier)  # e.g. "quantized_bits(4,0,1)"
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret quantizer identifier: " + str(identifier))


class PrunableLayer(object):
    """Marker mixin (as tfmot's PrunableLayer) exposing which weights may be pruned."""

    def get_prunable_weights(self):
        return [self.kernel]


class QDense(keras.layers.Dense, PrunableLayer):
    """Implements a quantized Dense layer."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="he_normal",
                 bias_initializer="zeros", kernel_quantizer=None, bias_quantizer=None, **kwargs):
        self.kernel_quantizer = kernel_quantizer
        self.bias_quantizer = bias_quantizer
        self.kernel_quantizer_internal = get_quantizer(self.kernel_quantizer)
        self.bias_quantizer_internal = get_quantizer(self.bias_quantizer)
        self.quantizers = [self.kernel_quantizer_internal, self.bias_quantizer_internal]
        super().__init__(units=units, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         **kwargs)

    def call(self, inputs):
        if self.kernel_quantizer:
            quantized_kernel = self.kernel_quantizer_internal(self.kernel)
        else:
            quantized_kernel = self.kernel
        output = tf.matmul(inputs, quantized_kernel)
        if self.use_bias:
            if self.bias_quantizer:
                quantized_bias = self.bias_quantizer_internal(self.bias)
            else:
                quantized_bias = self.bias
            output = output + quantized_bias
        if self.activation is not None:
            output = self.activation(output)
        return output

    def get_config(self):
        config = super().get_config()
        config.update({"kernel_quantizer": str(self.kernel_quantizer_internal),
                       "bias_quantizer": str(self.bias_quantizer_internal)})
        return config

    def get_quantizers(self):
        return self.quantizers


def QModel(n_in=16, n_classes=5):
    x_in = keras.Input(shape=(n_in,), name="input")
    x = QDense(32, kernel_quantizer=quantized_bits(6, 0, 1), bias_quantizer=quantized_bits(6, 0, 1),
               name="fc1")(x_in)
    x = keras.layers.Activation("relu", name="relu1")(x)
    x = QDense(16, kernel_quantizer="quantized_bits(4,0,1)", bias_quantizer="quantized_bits(4,0,1)",
               name="fc2")(x)
    x = keras.layers.Activation("relu", name="relu2")(x)
    x = QDense(n_classes, kernel_quantizer=quantized_bits(6, 0, 1), bias_quantizer=quantized_bits(6, 0, 1),
               name="output")(x)
    x = keras.layers.Activation("softmax", name="softmax")(x)
    return keras.Model(inputs=x_in, outputs=x, name="jet_tagger_q")


def build_model():
    return QModel()
