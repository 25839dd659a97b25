"""Binarised dense layers in the larq style: sign / round / stop_gradient on the kernel, yet every weight trains.

larq's quantizers binarise the kernel with `sign` (and DoReFa rounds it), operations with no gradient, and
Bi-Real Net's magnitude-aware sign multiplies by a `tf.stop_gradient` scale. Each of them is wrapped in a
`tf.custom_gradient` straight-through estimator, so the backward pass is a (clipped) identity and the
latent full-precision kernel does receive a gradient. This file re-creates the quantizers and a
`QuantDense(Dense)` that applies them in `call()`, wired into a small BNN as larq users do.
"""

SOURCE = "https://github.com/larq/larq/blob/main/larq/quantizers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okg_larq_quantdense_ste_quantizers.py:
as returned: Functional, count_params() = 2976, 13 weights, unbuilt: none
after call: count_params() = 2976, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'quant_dense': 512, 'quant_dense_1': 1024, 'quant_dense_2': 1024, 'quant_dense_3': 128}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


@tf.custom_gradient
def _binarize_with_identity_grad(x):
    return tf.sign(x), lambda dy: dy


def ste_sign(x, clip_value=1.0):
    x = tf.clip_by_value(x, -clip_value, clip_value)
    return _binarize_with_identity_grad(x)


def magnitude_aware_sign(x, clip_value=1.0):
    scale_factor = tf.reduce_mean(tf.abs(x), axis=list(range(len(x.shape) - 1)))
    return tf.stop_gradient(scale_factor) * ste_sign(x, clip_value=clip_value)


def dorefa_quantizer(x, k_bit=2):
    x = tf.clip_by_value(x, 0.0, 1.0)

    @tf.custom_gradient
    def _k_bit_with_identity_grad(x):
        n = 2 ** k_bit - 1
        return tf.round(x * n) / n, lambda dy: dy

    return _k_bit_with_identity_grad(x)


QUANTIZERS = {
    "ste_sign": ste_sign,
    "magnitude_aware_sign": magnitude_aware_sign,
    "dorefa_quantizer": dorefa_quantizer,
}


def get_quantizer(identifier):
    if identifier is None:
        return None
    if callable(identifier):
        return identifier
    return QUANTIZERS[identifier]


class QuantDense(tf.keras.layers.Dense):
    """Dense layer whose inputs and latent kernel are quantized in the forward pass."""

    def __init__(self, units, input_quantizer=None, kernel_quantizer=None, **kwargs):
        self._input_quantizer_id = input_quantizer
        self._kernel_quantizer_id = kernel_quantizer
        super().__init__(units, **kwargs)
        self.input_quantizer = get_quantizer(input_quantizer)
        self.kernel_quantizer = get_quantizer(kernel_quantizer)

    def call(self, inputs):
        if self.input_quantizer:
            inputs = self.input_quantizer(inputs)
        kernel = self.kernel_quantizer(self.kernel) if self.kernel_quantizer else self.kernel
        outputs = tf.matmul(inputs, kernel)
        if self.use_bias:
            outputs = outputs + self.bias
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def get_config(self):
        config = super().get_config()
        config.update({"input_quantizer": self._input_quantizer_id,
                       "kernel_quantizer": self._kernel_quantizer_id})
        return config


def binary_mlp(input_dim=16, num_classes=4):
    kwargs = dict(input_quantizer="ste_sign", kernel_quantizer="ste_sign", use_bias=False)
    inputs = tf.keras.Input(shape=(input_dim,))
    x = QuantDense(32, kernel_quantizer="dorefa_quantizer", use_bias=False)(inputs)
    x = tf.keras.layers.BatchNormalization(scale=False)(x)
    x = QuantDense(32, **kwargs)(x)
    x = tf.keras.layers.BatchNormalization(scale=False)(x)
    x = QuantDense(32, input_quantizer="ste_sign", kernel_quantizer="magnitude_aware_sign", use_bias=False)(x)
    x = tf.keras.layers.BatchNormalization(scale=False)(x)
    outputs = QuantDense(num_classes, activation="softmax", **kwargs)(x)
    return tf.keras.Model(inputs, outputs)


def build_model():
    return binary_mlp()
