"""Kernel quantizer rounds the latent weights in `call()`, with a clipped straight-through gradient.

From larq issue #487 ("Training does not converge when DoReFa is used as a kernel quantizer"):
the maintainer's suggested `CustomDoReFaQuantizer` quantises the kernel with `tf.round` on every
forward pass, a shape that normally kills the kernel's gradient. The rounding is wrapped in
`@tf.custom_gradient` whose backward pass returns the incoming gradient masked to the clip range
(a straight-through estimator), so the latent kernel does receive gradients and is trained.
Ported here to a Keras 3 `QuantDense` that applies `kernel_quantizer` inside `call()`.
"""

SOURCE = "https://github.com/larq/larq/issues/487"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okw_larq_dorefa_custom_gradient_kernel.py:
as returned: Functional, count_params() = 1203, 8 weights, unbuilt: ['CustomDoReFaQuantizer:custom_do_re_fa_quantizer']
after call: count_params() = 1203, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'quant_dense': 512, 'custom_do_re_fa_quantizer': 0, 'quant_dense_1': 512}
second call: 0 variables watched that the first call did not use
own probe (/tmp/mine9b/gradnorm.py): gradient norms quant_dense/kernel 0.49, quant_dense_1/kernel
4.99 (non-zero: the straight-through gradient reaches both latent kernels). The quantizer
(weightless) is listed unbuilt only before the first call; it has no state."""

import keras
import tensorflow as tf


def _clipped_gradient(x, dy, clip_min, clip_max):
    """Calculate `clipped_gradient * dy`."""
    zeros = tf.zeros_like(dy)
    mask = tf.math.logical_and(tf.math.greater(x, clip_min), tf.math.less(x, clip_max))
    return tf.where(mask, dy, zeros)


class BaseQuantizer(keras.layers.Layer):
    precision = None

    def compute_output_shape(self, input_shape):
        return input_shape


class DoReFaQuantizer(BaseQuantizer):
    def __init__(self, k_bit=2, mode="activations", **kwargs):
        super().__init__(**kwargs)
        self.precision = k_bit
        self.mode = mode

    def get_config(self):
        return {**super().get_config(), "k_bit": self.precision, "mode": self.mode}


class CustomDoReFaQuantizer(DoReFaQuantizer):
    r"""DoReFa with different gradient clipping threshold."""

    def __init__(self, k_bit=2, mode="weights", **kwargs):
        super().__init__(k_bit=k_bit, mode=mode, **kwargs)
        self.n = 2**self.precision - 1

    def call(self, inputs):
        if self.mode == "weights":
            inputs = tf.math.tanh(inputs)
            inputs = inputs / (2.0 * tf.math.reduce_max(tf.math.abs(inputs))) + 0.5

        @tf.custom_gradient
        def _k_bit_with_identity_grad(x):
            def grad(dy):
                return _clipped_gradient(x, dy, clip_min=0.0, clip_max=1.0)

            return tf.round(x * self.n) / self.n, grad

        outputs = _k_bit_with_identity_grad(inputs)
        if self.mode == "weights":
            outputs = 2.0 * outputs - 1.0
        return outputs


class QuantDense(keras.layers.Dense):
    """Dense whose latent kernel goes through `kernel_quantizer` on every forward pass."""

    def __init__(self, units, kernel_quantizer=None, **kwargs):
        super().__init__(units, **kwargs)
        self.kernel_quantizer = kernel_quantizer

    def call(self, inputs):
        kernel = self.kernel
        if self.kernel_quantizer is not None:
            kernel = self.kernel_quantizer(kernel)
        outputs = tf.matmul(inputs, kernel)
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias)
        return self.activation(outputs)


def build_model():
    kwargs = dict(kernel_quantizer=CustomDoReFaQuantizer(k_bit=2, mode="weights"), use_bias=False)
    inputs = keras.Input(shape=(16,))
    x = QuantDense(32, activation="relu", **kwargs)(inputs)
    x = keras.layers.BatchNormalization()(x)
    x = QuantDense(16, **kwargs)(x)
    outputs = keras.layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs)
